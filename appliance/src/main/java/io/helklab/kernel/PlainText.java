package io.helklab.kernel;

import java.util.Arrays;

/** The {@code text/plain} form of a cell's value. */
final class PlainText {

    private PlainText() {
    }

    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            String deep = Arrays.deepToString(new Object[] {value});
            return deep.substring(1, deep.length() - 1); // deepToString handles primitive arrays too
        }
        return String.valueOf(value);
    }
}
