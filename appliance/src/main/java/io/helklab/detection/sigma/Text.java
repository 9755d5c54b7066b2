package io.helklab.detection.sigma;

/**
 * Case folding for Sigma's case-insensitive matching, one char at a time so that a folded string keeps its
 * length and every index in it (the wildcard matcher and the literal prefilter rely on both).
 */
public final class Text {

    private static final char[] ASCII_LOWER = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_LOWER[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
    }

    private Text() {
    }

    /** One char folded to lower case. */
    public static char lower(char c) {
        return c < 128 ? ASCII_LOWER[c] : Character.toLowerCase(c);
    }

    /** The string folded char by char; the same instance when nothing changes. */
    public static String lower(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (lower(c) != c) {
                char[] folded = new char[length];
                text.getChars(0, i, folded, 0);
                for (int j = i; j < length; j++) {
                    folded[j] = lower(text.charAt(j));
                }
                return new String(folded);
            }
        }
        return text;
    }

    /** A whole-string integer (optional sign, decimal or {@code 0x} hex), or null; never throws. */
    public static Long parseInteger(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        boolean negative = value.startsWith("-");
        if (negative || value.startsWith("+")) {
            value = value.substring(1);
        }
        int radix = 10;
        if (value.length() > 2 && (value.startsWith("0x") || value.startsWith("0X"))) {
            radix = 16;
            value = value.substring(2);
        }
        if (value.isEmpty() || value.length() > (radix == 16 ? 15 : 18)) {
            return null;
        }
        long result = 0;
        for (int i = 0; i < value.length(); i++) {
            int digit = Character.digit(value.charAt(i), radix);
            if (digit < 0) {
                return null;
            }
            result = result * radix + digit;
        }
        return negative ? -result : result;
    }

    /** A decimal number (integer, hex integer or floating point), or null; never throws. */
    public static Double parseNumber(String text) {
        Long integer = parseInteger(text);
        if (integer != null) {
            return integer.doubleValue();
        }
        if (text == null || text.isBlank() || text.length() > 64) {
            return null;
        }
        String value = text.strip();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return null;
            }
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
