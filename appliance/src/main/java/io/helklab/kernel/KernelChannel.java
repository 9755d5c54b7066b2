package io.helklab.kernel;

/** The kernel's sockets that carry signed messages (the heartbeat carries raw bytes). */
enum KernelChannel {
    SHELL, IOPUB, STDIN, CONTROL
}
