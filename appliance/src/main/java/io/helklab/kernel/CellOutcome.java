package io.helklab.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * How a cell ended: with a value to show, with nothing to show, or with an error in Jupyter's
 * terms (error name, value and traceback lines).
 */
record CellOutcome(boolean hasValue, Object value, String errorName, String errorValue, List<String> traceback) {

    private static final int FRAMES_PER_THROWABLE = 12;

    static CellOutcome value(Object value) {
        return new CellOutcome(true, value, null, null, List.of());
    }

    static CellOutcome nothing() {
        return new CellOutcome(false, null, null, null, List.of());
    }

    static CellOutcome error(String name, String value, List<String> traceback) {
        return new CellOutcome(false, null, name, value, List.copyOf(traceback));
    }

    static CellOutcome interrupted() {
        return error("Interrupted", "The cell was interrupted; its Spark jobs were cancelled.",
                List.of("Interrupted: the cell was interrupted; its Spark jobs were cancelled."));
    }

    /**
     * An error from an exception, with a short traceback that stops where the kernel's own
     * machinery (reflection, JShell) begins.
     */
    static CellOutcome exception(Throwable throwable) {
        List<String> traceback = new ArrayList<>();
        Throwable current = throwable;
        String prefix = "";
        for (int depth = 0; current != null && depth < 5; depth++, current = current.getCause()) {
            traceback.add(prefix + current);
            int shown = 0;
            for (StackTraceElement frame : current.getStackTrace()) {
                if (isMachinery(frame) || shown == FRAMES_PER_THROWABLE) {
                    break;
                }
                traceback.add("\tat " + frame);
                shown++;
            }
            prefix = "Caused by: ";
        }
        String message = throwable.getMessage() == null ? "" : throwable.getMessage();
        return error(throwable.getClass().getName(), message, traceback);
    }

    boolean failed() {
        return errorName != null;
    }

    private static boolean isMachinery(StackTraceElement frame) {
        String className = frame.getClassName();
        return className.startsWith("jdk.internal.reflect.") || className.equals("java.lang.reflect.Method")
                || className.startsWith(GuardedExecutionControl.class.getName());
    }
}
