package io.helklab.detection.sigma;

import java.util.Arrays;

/**
 * A Sigma string value after escape processing: plain characters and the wildcards {@code *} and {@code ?},
 * plus the "any dash" position that the {@code windash} modifier creates. Immutable.
 *
 * <p>Escapes follow the specification: {@code \*} and {@code \?} are plain wildcard characters, {@code \\} is one
 * backslash, and a backslash followed by anything else is itself a plain backslash (so {@code C:\Windows} needs no
 * doubling).
 */
public final class SigmaString {

    /** {@code *}: any run of characters, possibly empty. */
    public static final int ANY_RUN = -1;
    /** {@code ?}: exactly one character. */
    public static final int ANY_ONE = -2;
    /** One of {@code - / – — ―}, from {@code windash}. */
    public static final int ANY_DASH = -3;

    static final String DASHES = "-/\u2013\u2014\u2015";

    private final int[] codes;

    private SigmaString(int[] codes) {
        this.codes = codes;
    }

    /** Parses a rule's string value, with wildcards and escapes. */
    public static SigmaString parse(String text) {
        int[] codes = new int[text.length()];
        int size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '*' || next == '?' || next == '\\') {
                    codes[size++] = next;
                    i++;
                    continue;
                }
                codes[size++] = c;
            } else if (c == '*') {
                codes[size++] = ANY_RUN;
            } else if (c == '?') {
                codes[size++] = ANY_ONE;
            } else {
                codes[size++] = c;
            }
        }
        return new SigmaString(Arrays.copyOf(codes, size));
    }

    /** A value with no wildcards (numbers, encoded values, placeholder text taken literally). */
    public static SigmaString plain(String text) {
        int[] codes = new int[text.length()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = text.charAt(i);
        }
        return new SigmaString(codes);
    }

    int[] codes() {
        return codes;
    }

    public int length() {
        return codes.length;
    }

    public boolean hasWildcards() {
        for (int code : codes) {
            if (code < 0) {
                return true;
            }
        }
        return false;
    }

    /** The plain characters; only for a value without wildcards. */
    public String plainText() {
        StringBuilder text = new StringBuilder(codes.length);
        for (int code : codes) {
            if (code < 0) {
                throw new IllegalStateException("value has wildcards");
            }
            text.append((char) code);
        }
        return text.toString();
    }

    /** {@code contains}: a {@code *} on each side, unless already there. */
    public SigmaString contains() {
        return startsWith().endsWith();
    }

    /** {@code startswith}: a {@code *} at the end. */
    public SigmaString startsWith() {
        if (codes.length > 0 && codes[codes.length - 1] == ANY_RUN) {
            return this;
        }
        int[] result = Arrays.copyOf(codes, codes.length + 1);
        result[codes.length] = ANY_RUN;
        return new SigmaString(result);
    }

    /** {@code endswith}: a {@code *} at the start. */
    public SigmaString endsWith() {
        if (codes.length > 0 && codes[0] == ANY_RUN) {
            return this;
        }
        int[] result = new int[codes.length + 1];
        result[0] = ANY_RUN;
        System.arraycopy(codes, 0, result, 1, codes.length);
        return new SigmaString(result);
    }

    /**
     * {@code windash}: a dash or slash that starts a command-line switch (after a non-word character or at the
     * start, before a word character) matches any of the five dash characters.
     */
    public SigmaString windash() {
        int[] result = codes.clone();
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            if (code >= 0 && DASHES.indexOf(code) >= 0
                    && (i == 0 || !isWordChar(codes[i - 1]))
                    && i + 1 < codes.length && isWordChar(codes[i + 1])) {
                result[i] = ANY_DASH;
            }
        }
        return new SigmaString(result);
    }

    private static boolean isWordChar(int code) {
        return code >= 0 && (Character.isLetterOrDigit(code) || code == '_');
    }

    /** The value with its plain characters folded to lower case. */
    SigmaString lower() {
        int[] result = codes.clone();
        for (int i = 0; i < result.length; i++) {
            if (result[i] >= 0) {
                result[i] = Text.lower((char) result[i]);
            }
        }
        return new SigmaString(result);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int code : codes) {
            switch (code) {
                case ANY_RUN -> text.append('*');
                case ANY_ONE -> text.append('?');
                case ANY_DASH -> text.append("[-/]");
                default -> {
                    if (code == '*' || code == '?' || code == '\\') {
                        text.append('\\');
                    }
                    text.append((char) code);
                }
            }
        }
        return text.toString();
    }
}
