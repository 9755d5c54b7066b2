package io.helklab.service;

/** A service failed to start; the message names the service, the cause and where its log is. */
public class ServiceStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String serviceName;

    public ServiceStartException(String serviceName, String message, Throwable cause) {
        super(message, cause);
        this.serviceName = serviceName;
    }

    /** The name of the service that failed. */
    public String serviceName() {
        return serviceName;
    }
}
