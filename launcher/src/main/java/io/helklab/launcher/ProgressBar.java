package io.helklab.launcher;

import java.util.Locale;

/**
 * A progress bar on the console: redrawn in place on a terminal, a line every quarter otherwise
 * (so logs of CI runs and pipes stay readable).
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final Console console;
    private final String label;
    private final long total;
    private final boolean terminal;
    private int lastQuarter = -1;
    private long lastDrawn = -1;

    ProgressBar(Console console, String label, long total) {
        this.console = console;
        this.label = label;
        this.total = Math.max(1, total);
        this.terminal = System.console() != null;
    }

    synchronized void update(long done) {
        long clamped = Math.min(done, total);
        if (clamped == lastDrawn) {
            return;
        }
        lastDrawn = clamped;
        int filled = (int) (WIDTH * clamped / total);
        String text = String.format(Locale.ROOT, "  %-22s [%s%s] %,d / %,d", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), clamped, total);
        if (terminal) {
            console.partial("\r" + text);
            if (clamped == total) {
                console.line("");
            }
        } else {
            int quarter = (int) (4 * clamped / total);
            if (quarter != lastQuarter) {
                lastQuarter = quarter;
                console.line(text);
            }
        }
    }
}
