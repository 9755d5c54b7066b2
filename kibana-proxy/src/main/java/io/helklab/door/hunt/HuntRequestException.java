package io.helklab.door.hunt;

/**
 * A request the hunt API refuses, with the HTTP status to answer and, when one parameter is to blame,
 * its name, so the UI can show the message next to the right input. Thrown by parameter validation and
 * by searches that Elasticsearch rejects as malformed; never carries a stack trace to the browser.
 */
public final class HuntRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String parameter;
    private final String reason;

    public HuntRequestException(int status, String parameter, String message, String reason) {
        super(message);
        this.status = status;
        this.parameter = parameter;
        this.reason = reason;
    }

    /** A 400 for one parameter. */
    public static HuntRequestException badParameter(String parameter, String message) {
        return new HuntRequestException(400, parameter, message, null);
    }

    /** A 404 for something named in the path. */
    public static HuntRequestException notFound(String message) {
        return new HuntRequestException(404, null, message, null);
    }

    public int status() {
        return status;
    }

    /** The parameter at fault, or {@code null}. */
    public String parameter() {
        return parameter;
    }

    /** Elasticsearch's own explanation (e.g. the query parser's message), or {@code null}. */
    public String reason() {
        return reason;
    }
}
