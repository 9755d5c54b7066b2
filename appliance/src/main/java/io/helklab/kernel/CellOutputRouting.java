package io.helklab.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Sends what a notebook cell prints to {@code System.out}/{@code System.err} to that cell, and
 * everything else the appliance prints to where it went before.
 *
 * <p>With JShell's local execution {@code System.out} inside a cell is the JVM's own, so the kernel
 * installs (once per JVM) a {@code System.out}/{@code System.err} that forwards each write to the
 * writing thread's route, or to the original stream when the thread has none. Routes are plain
 * (not inheritable) thread-locals: only the cell's execution thread is captured, so a thread pool
 * thread that happens to be created during a cell can never leak later output into it. Install
 * after anything that replaces {@code System.out} itself (Elasticsearch's log configuration does).
 */
final class CellOutputRouting {

    private static final ThreadLocal<OutputStream> STANDARD_OUTPUT_ROUTE = new ThreadLocal<>();
    private static final ThreadLocal<OutputStream> STANDARD_ERROR_ROUTE = new ThreadLocal<>();
    private static final Charset CHARSET = consoleCharset();
    private static boolean installed;

    private CellOutputRouting() {
    }

    /** The charset the routed {@code System.out} encodes with; captures decode with it. */
    static Charset charset() {
        return CHARSET;
    }

    /** Replaces {@code System.out} and {@code System.err} with routing streams; idempotent. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        System.setOut(routed(System.out, STANDARD_OUTPUT_ROUTE));
        System.setErr(routed(System.err, STANDARD_ERROR_ROUTE));
        installed = true;
    }

    /**
     * Routes the calling thread's standard output and error to the given streams until the
     * returned handle is closed.
     */
    static AutoCloseable routeCurrentThread(OutputStream standardOutput, OutputStream standardError) {
        install();
        STANDARD_OUTPUT_ROUTE.set(standardOutput);
        STANDARD_ERROR_ROUTE.set(standardError);
        return () -> {
            System.out.flush();
            System.err.flush();
            STANDARD_OUTPUT_ROUTE.remove();
            STANDARD_ERROR_ROUTE.remove();
        };
    }

    private static PrintStream routed(PrintStream original, ThreadLocal<OutputStream> route) {
        OutputStream router = new OutputStream() {
            private OutputStream target() {
                OutputStream routedTarget = route.get();
                return routedTarget == null ? original : routedTarget;
            }

            @Override
            public void write(int oneByte) throws IOException {
                target().write(oneByte);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                target().write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                target().flush();
            }
        };
        return new PrintStream(router, true, CHARSET);
    }

    private static Charset consoleCharset() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                return Charset.defaultCharset();
            }
        }
        return Charset.defaultCharset();
    }
}
