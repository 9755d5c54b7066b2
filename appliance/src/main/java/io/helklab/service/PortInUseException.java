package io.helklab.service;

/** A listener could not bind because its port is taken; the message names the port and the flag. */
public final class PortInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int port;
    private final String flag;

    public PortInUseException(String serviceName, String host, int port, String flag, Throwable cause) {
        super(serviceName + " could not bind " + host + ":" + port + " (address in use). Stop whatever uses port "
                + port + " or pass " + flag + " <another port> (" + flag + " 0 picks a free one).", cause);
        this.port = port;
        this.flag = flag;
    }

    public int port() {
        return port;
    }

    /** The command-line flag that changes the port. */
    public String flag() {
        return flag;
    }
}
