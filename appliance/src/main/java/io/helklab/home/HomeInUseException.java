package io.helklab.home;

import java.nio.file.Path;

/** Another appliance already runs on this home directory. */
public final class HomeInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long pid;

    public HomeInUseException(Path home, long pid) {
        super("Another HELK lab (pid " + (pid > 0 ? Long.toString(pid) : "unknown") + ") is already running on "
                + home + ". Stop it" + (pid > 0 ? " (kill " + pid + ")" : "") + " or pass a different --home.");
        this.pid = pid;
    }

    /** The running instance's pid, or -1 when it could not be read. */
    public long pid() {
        return pid;
    }
}
