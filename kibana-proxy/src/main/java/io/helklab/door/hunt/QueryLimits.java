package io.helklab.door.hunt;

import java.time.Duration;

/**
 * Bounds on the cost of a Lucene query string, checked before it reaches Elasticsearch.
 *
 * <p>Elasticsearch's query parser recurses once per nesting level and dies with a stack overflow on
 * a few thousand opening parentheses, taking a search thread with it; a term with many wildcards
 * ({@code *a*b*c*...}) builds an automaton whose matching against every term of a field takes tens of
 * seconds. Neither is needed for hunting, so the hunt API refuses both with a 400 that names the limit.
 * The walk understands quotes (a phrase's {@code *} is literal) and backslash escapes. Stateless.
 */
public final class QueryLimits {
    /** Characters in one query string. */
    public static final int MAXIMUM_LENGTH = 4_000;
    /** Parentheses open at once. */
    public static final int MAXIMUM_DEPTH = 32;
    /** Terms with a wildcard ({@code *}, {@code ?}) or a regular expression. */
    public static final int MAXIMUM_WILDCARD_TERMS = 16;
    /** Wildcard characters in one term, e.g. {@code *\\powershell*.exe} has two. */
    public static final int MAXIMUM_WILDCARDS_PER_TERM = 4;

    /**
     * How long Elasticsearch may spend on one search before it returns what it found so far (reported as a
     * warning); well below {@link #REQUEST_TIMEOUT}, so the answer still reaches the door.
     */
    public static final String SEARCH_TIMEOUT = "5s";
    /** How long the door waits for any answer from Elasticsearch before it gives the worker thread back. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final String PARAMETER = "q";

    private QueryLimits() {}

    /**
     * Refuses a query string beyond one of the limits.
     *
     * @throws HuntRequestException with status 400 naming the limit and how to stay within it
     */
    public static void check(String query) {
        if (query.length() > MAXIMUM_LENGTH) {
            throw refused("The query has " + query.length() + " characters; the limit is " + MAXIMUM_LENGTH
                    + ". Split it, or use the field filters for exact values.");
        }
        int depth = 0;
        int wildcardTerms = 0;
        int wildcardsInTerm = 0;
        boolean termHasWildcard = false;
        boolean quoted = false;
        boolean regularExpression = false;
        for (int position = 0; position < query.length(); position++) {
            char character = query.charAt(position);
            if (character == '\\') {
                position++;
                continue;
            }
            if (quoted) {
                quoted = character != '"';
                continue;
            }
            if (regularExpression) {
                if (character == '/') {
                    regularExpression = false;
                } else if (character == '*' || character == '+' || character == '?' || character == '{') {
                    wildcardsInTerm = countWildcard(wildcardsInTerm);
                }
                continue;
            }
            switch (character) {
                case '"' -> quoted = true;
                case '/' -> {
                    regularExpression = true;
                    if (!termHasWildcard) {
                        termHasWildcard = true;
                        wildcardTerms = countWildcardTerm(wildcardTerms);
                    }
                }
                case '(' -> {
                    depth++;
                    if (depth > MAXIMUM_DEPTH) {
                        throw refused("The query nests parentheses more than " + MAXIMUM_DEPTH + " deep; the limit is "
                                + MAXIMUM_DEPTH + ". Flatten it: a OR b OR c needs no nesting.");
                    }
                    termHasWildcard = false;
                    wildcardsInTerm = 0;
                }
                case ')' -> {
                    depth = Math.max(0, depth - 1);
                    termHasWildcard = false;
                    wildcardsInTerm = 0;
                }
                case '*', '?' -> {
                    wildcardsInTerm = countWildcard(wildcardsInTerm);
                    if (!termHasWildcard) {
                        termHasWildcard = true;
                        wildcardTerms = countWildcardTerm(wildcardTerms);
                    }
                }
                default -> {
                    if (Character.isWhitespace(character)) {
                        termHasWildcard = false;
                        wildcardsInTerm = 0;
                    }
                }
            }
        }
    }

    private static int countWildcard(int wildcardsInTerm) {
        if (wildcardsInTerm + 1 > MAXIMUM_WILDCARDS_PER_TERM) {
            throw refused("A term of the query has more than " + MAXIMUM_WILDCARDS_PER_TERM + " wildcards or repetitions; "
                    + "the limit is " + MAXIMUM_WILDCARDS_PER_TERM + " per term, because each one multiplies the cost of "
                    + "matching it against every value of the field. Search for the distinctive part, e.g. "
                    + "process_command_line:*mimikatz*.");
        }
        return wildcardsInTerm + 1;
    }

    private static int countWildcardTerm(int wildcardTerms) {
        if (wildcardTerms + 1 > MAXIMUM_WILDCARD_TERMS) {
            throw refused("The query has more than " + MAXIMUM_WILDCARD_TERMS + " terms with wildcards or regular "
                    + "expressions; the limit is " + MAXIMUM_WILDCARD_TERMS + ". Use fewer, or the field filters.");
        }
        return wildcardTerms + 1;
    }

    private static HuntRequestException refused(String message) {
        return HuntRequestException.badParameter(PARAMETER, message);
    }
}
