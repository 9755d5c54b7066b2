package io.helklab.detection.sigma;

/**
 * The longest run of plain characters that every match of a regular expression contains, found conservatively
 * from its text: alternation at the top level, groups, classes, escapes that stand for classes and optional
 * quantifiers all end a run, so the result is never wrong, only sometimes shorter than it could be. Lets rules
 * whose only selective value is a regex be prefiltered like the others.
 */
final class RegexLiterals {

    private RegexLiterals() {
    }

    /** The required literal, folded to lower case; "" when none is found. */
    static String requiredLiteral(String regex) {
        if (hasTopLevelAlternation(regex)) {
            return "";
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        int length = regex.length();
        if (regex.startsWith("(?") && regex.indexOf(')') > 0 && regex.substring(2, regex.indexOf(')')).matches("[imsU]+")) {
            i = regex.indexOf(')') + 1;
        }
        while (i < length) {
            char c = regex.charAt(i);
            char literal = 0;
            int next = i + 1;
            if (c == '\\' && i + 1 < length) {
                char escaped = regex.charAt(i + 1);
                if (escaped == 'Q') {
                    return best;
                }
                next = escapeEnd(regex, i);
                if (!Character.isLetterOrDigit(escaped)) {
                    literal = escaped;
                }
            } else if (c == '(') {
                next = skipGroup(regex, i);
            } else if (c == '[') {
                next = skipClass(regex, i);
            } else if (c == '{') {
                int close = regex.indexOf('}', i);
                next = close < 0 ? length : close + 1;
            } else if (".^$|)*+?}".indexOf(c) < 0) {
                literal = c;
            }
            if (literal == 0) {
                best = longer(best, run);
                run.setLength(0);
                i = next;
                continue;
            }
            char quantifier = next < length ? regex.charAt(next) : 0;
            if (quantifier == '?' || quantifier == '*' || quantifier == '{' && optionalBraces(regex, next)) {
                best = longer(best, run);
                run.setLength(0);
            } else {
                run.append(Text.lower(literal));
                if (quantifier == '+' || quantifier == '{') {
                    best = longer(best, run);
                    run.setLength(0);
                }
            }
            i = next;
        }
        return longer(best, run);
    }

    /** The index after the escape sequence at {@code backslash}, arguments included ({@code \\x41}, {@code \\p{L}}). */
    private static int escapeEnd(String regex, int backslash) {
        int i = backslash + 1;
        char escaped = regex.charAt(i);
        int end = i + 1;
        switch (escaped) {
            case 'x', 'p', 'P', 'k' -> {
                if (end < regex.length() && (regex.charAt(end) == '{' || regex.charAt(end) == '<')) {
                    int close = regex.indexOf(regex.charAt(end) == '{' ? '}' : '>', end);
                    end = close < 0 ? regex.length() : close + 1;
                } else {
                    end += escaped == 'x' ? 2 : 1;
                }
            }
            case 'u' -> end += 4;
            case 'c' -> end += 1;
            default -> {
                while (Character.isDigit(escaped) && end < regex.length() && Character.isDigit(regex.charAt(end))) {
                    end++;
                }
            }
        }
        return Math.min(end, regex.length());
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    private static boolean optionalBraces(String regex, int open) {
        int close = regex.indexOf('}', open);
        String inside = close < 0 ? "" : regex.substring(open + 1, close);
        return !inside.matches("\\d+(,\\d*)?") || inside.startsWith("0");
    }

    private static boolean hasTopLevelAlternation(String regex) {
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = skipClass(regex, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    /** The index after the group that opens at {@code open}. */
    private static int skipGroup(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = skipClass(regex, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return regex.length();
    }

    /** The index after the character class that opens at {@code open}. */
    private static int skipClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i + 1;
            }
        }
        return regex.length();
    }
}
