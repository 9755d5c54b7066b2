package io.helklab.detection.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled Sigma string: whole-value match with {@code *}, {@code ?} and windash positions. Plain equality,
 * prefix, suffix and substring patterns (nearly all of a real rule set) use the JDK's string search; anything
 * else splits at {@code *} and places each part leftmost, which is exact for glob patterns and linear in practice.
 * Immutable and thread-safe.
 */
public final class StringPattern {

    private enum Shape { EXACT, PREFIX, SUFFIX, CONTAINS, GLOB }

    private final Shape shape;
    private final String literal;
    private final Segment[] segments;
    private final String source;

    private StringPattern(Shape shape, String literal, Segment[] segments, String source) {
        this.shape = shape;
        this.literal = literal;
        this.segments = segments;
        this.source = source;
    }

    /**
     * Compiles a value.
     *
     * @param foldCase true to fold the pattern to lower case: the caller then matches it against folded values
     */
    public static StringPattern compile(SigmaString value, boolean foldCase) {
        SigmaString pattern = foldCase ? value.lower() : value;
        List<Segment> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int code : pattern.codes()) {
            if (code == SigmaString.ANY_RUN) {
                segments.add(Segment.of(current));
                current.clear();
            } else {
                current.add(code);
            }
        }
        segments.add(Segment.of(current));
        Segment[] parts = segments.toArray(new Segment[0]);
        String source = pattern.toString();
        boolean plain = true;
        for (Segment part : parts) {
            plain &= part.plain != null;
        }
        if (plain) {
            int n = parts.length;
            if (n == 1) {
                return new StringPattern(Shape.EXACT, parts[0].plain, parts, source);
            }
            if (n == 2 && parts[0].length() == 0) {
                return new StringPattern(Shape.SUFFIX, parts[1].plain, parts, source);
            }
            if (n == 2 && parts[1].length() == 0) {
                return new StringPattern(Shape.PREFIX, parts[0].plain, parts, source);
            }
            if (n == 3 && parts[0].length() == 0 && parts[2].length() == 0) {
                return new StringPattern(Shape.CONTAINS, parts[1].plain, parts, source);
            }
        }
        return new StringPattern(Shape.GLOB, null, parts, source);
    }

    /** Whether the whole value matches (the value folded to lower case when the pattern was compiled folded). */
    public boolean matches(String value) {
        return switch (shape) {
            case EXACT -> value.equals(literal);
            case PREFIX -> value.startsWith(literal);
            case SUFFIX -> value.endsWith(literal);
            case CONTAINS -> value.contains(literal);
            case GLOB -> glob(value);
        };
    }

    /** True when the pattern is one plain value without wildcards. */
    public boolean isExact() {
        return shape == Shape.EXACT;
    }

    /** The plain value of an exact pattern, null otherwise. */
    public String exactValue() {
        return shape == Shape.EXACT ? literal : null;
    }

    /**
     * The longest run of plain characters that every matching value contains, or "" when there is none.
     * Used to prefilter rules by substring.
     */
    public String requiredLiteral() {
        String best = "";
        for (Segment segment : segments) {
            for (String run : segment.plainRuns()) {
                if (run.length() > best.length()) {
                    best = run;
                }
            }
        }
        return best;
    }

    private boolean glob(String value) {
        int n = segments.length;
        if (n == 1) {
            return value.length() == segments[0].length() && segments[0].matchesAt(value, 0);
        }
        Segment first = segments[0];
        Segment last = segments[n - 1];
        if (!first.matchesAt(value, 0)) {
            return false;
        }
        int position = first.length();
        int end = value.length() - last.length();
        if (end < position || !last.matchesAt(value, end)) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            int found = segments[i].find(value, position, end);
            if (found < 0) {
                return false;
            }
            position = found + segments[i].length();
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }

    /** The part of a pattern between two {@code *}: plain characters, {@code ?} and dash positions. */
    private static final class Segment {
        private final int[] codes;
        /** The text when the segment has only plain characters, else null. */
        private final String plain;

        private Segment(int[] codes, String plain) {
            this.codes = codes;
            this.plain = plain;
        }

        static Segment of(List<Integer> codes) {
            int[] array = new int[codes.size()];
            StringBuilder text = new StringBuilder(array.length);
            boolean plain = true;
            for (int i = 0; i < array.length; i++) {
                array[i] = codes.get(i);
                if (array[i] < 0) {
                    plain = false;
                } else {
                    text.append((char) array[i]);
                }
            }
            return new Segment(array, plain ? text.toString() : null);
        }

        int length() {
            return codes.length;
        }

        boolean matchesAt(String value, int offset) {
            if (offset + codes.length > value.length()) {
                return false;
            }
            if (plain != null) {
                return value.startsWith(plain, offset);
            }
            for (int i = 0; i < codes.length; i++) {
                char c = value.charAt(offset + i);
                int code = codes[i];
                if (code >= 0 ? c != code : code == SigmaString.ANY_DASH && SigmaString.DASHES.indexOf(c) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** The leftmost place at or after {@code from} where the segment fits entirely before {@code end}. */
        int find(String value, int from, int end) {
            if (plain != null) {
                int found = value.indexOf(plain, from);
                return found >= 0 && found + plain.length() <= end ? found : -1;
            }
            for (int offset = from; offset + codes.length <= end; offset++) {
                if (matchesAt(value, offset)) {
                    return offset;
                }
            }
            return -1;
        }

        List<String> plainRuns() {
            List<String> runs = new ArrayList<>(2);
            StringBuilder run = new StringBuilder();
            for (int code : codes) {
                if (code >= 0) {
                    run.append((char) code);
                } else if (run.length() > 0) {
                    runs.add(run.toString());
                    run.setLength(0);
                }
            }
            if (run.length() > 0) {
                runs.add(run.toString());
            }
            return runs;
        }
    }
}
