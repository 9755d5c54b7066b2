package io.helklab.kernel;

import java.util.List;

/**
 * A cell that starts with {@code %%name arguments}: its magic's name, the rest of the first line
 * and the body below it.
 */
record CellMagicInvocation(String name, String arguments, String body) {

    static boolean isMagic(String code) {
        return code.stripLeading().startsWith("%%");
    }

    static CellMagicInvocation parse(String code) {
        String cell = code.stripLeading();
        int lineEnd = cell.indexOf('\n');
        String firstLine = (lineEnd < 0 ? cell : cell.substring(0, lineEnd)).substring(2).strip();
        String body = lineEnd < 0 ? "" : cell.substring(lineEnd + 1);
        int space = firstLine.indexOf(' ');
        String name = space < 0 ? firstLine : firstLine.substring(0, space);
        String arguments = space < 0 ? "" : firstLine.substring(space + 1).strip();
        return new CellMagicInvocation(name, arguments, body);
    }

    /** Runs the magic on the calling thread; an unknown name or a failure becomes an error outcome. */
    CellOutcome run(CellMagicRegistry magics, ExecutionState state) {
        CellMagic magic = magics.find(name).orElse(null);
        if (magic == null) {
            String message = "Unknown cell magic %%" + name + ". Available cell magics:\n" + magics.describe();
            return CellOutcome.error("UnknownMagic", message, List.of(("UnknownMagic: " + message).split("\n")));
        }
        try {
            state.enterUserCode();
            try {
                Displayable result = magic.execute(arguments, body);
                return result == null ? CellOutcome.nothing() : CellOutcome.value(result);
            } finally {
                state.leaveUserCode();
            }
        } catch (Exception failure) {
            return state.interruptRequested() ? CellOutcome.interrupted() : CellOutcome.exception(failure);
        }
    }
}
