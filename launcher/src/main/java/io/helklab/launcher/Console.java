package io.helklab.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * What the user sees: banners, progress lines and the ready block. Holds the original standard
 * streams, so a library that replaces {@code System.out} cannot hijack or silence it.
 */
public final class Console {
    private final PrintStream out;
    private final PrintStream err;

    public Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static Console standard() {
        return new Console(System.out, System.err);
    }

    public synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    public synchronized void line(String format, Object... arguments) {
        line(String.format(Locale.ROOT, format, arguments));
    }

    /** Text without a line break, for a progress bar redrawn in place. */
    public synchronized void partial(String text) {
        out.print(text);
        out.flush();
    }

    public synchronized void error(String text) {
        err.println(text);
        err.flush();
    }

    /** Seconds with one decimal, e.g. {@code 2.3 s}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
