package io.helklab.samples.generator.domain;

/** What a simulated machine is for; it decides which background activity the machine produces. */
public enum HostRole {
    DOMAIN_CONTROLLER,
    SERVER,
    WORKSTATION
}
