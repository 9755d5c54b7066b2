package io.helklab.detection.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a Sigma condition ({@code selection and not 1 of filter_*}) over the rule's compiled search
 * identifiers. Precedence, least binding first: {@code or}, {@code and}, {@code not}, {@code x of},
 * parentheses. Nesting is capped so that a hostile condition cannot exhaust the stack.
 */
final class ConditionParser {

    /** Deeper nesting than any real rule uses; the parser recurses once per level. */
    static final int MAXIMUM_DEPTH = 64;

    private final Map<String, Matcher> identifiers;
    private final List<String> tokens;
    private final int line;
    private int position;
    private int depth;

    private ConditionParser(Map<String, Matcher> identifiers, List<String> tokens, int line) {
        this.identifiers = identifiers;
        this.tokens = tokens;
        this.line = line;
    }

    static Matcher parse(String condition, Map<String, Matcher> identifiers, int line) throws RuleProblem {
        if (condition.indexOf('|') >= 0) {
            throw RuleProblem.unsupported("aggregation in condition", "the condition '" + shorten(condition)
                    + "' (line " + line + ") uses a '|' aggregation, Sigma 1's deprecated syntax; write a "
                    + "correlation rule instead", line);
        }
        ConditionParser parser = new ConditionParser(identifiers, tokenize(condition), line);
        if (parser.tokens.isEmpty()) {
            throw RuleProblem.error("empty condition", "the condition (line " + line + ") is empty", line);
        }
        Matcher result = parser.or();
        if (parser.position < parser.tokens.size()) {
            throw parser.syntax("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return result;
    }

    private static List<String> tokenize(String condition) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < condition.length(); i++) {
            char c = condition.charAt(i);
            if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
                if (!Character.isWhitespace(c)) {
                    tokens.add(String.valueOf(c));
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    private Matcher or() throws RuleProblem {
        List<Matcher> parts = new ArrayList<>();
        parts.add(and());
        while (accept("or")) {
            parts.add(and());
        }
        return Logic.or(parts);
    }

    private Matcher and() throws RuleProblem {
        List<Matcher> parts = new ArrayList<>();
        parts.add(not());
        while (accept("and")) {
            parts.add(not());
        }
        return Logic.and(parts);
    }

    private Matcher not() throws RuleProblem {
        if (accept("not")) {
            enter();
            Matcher negated = Logic.not(not());
            depth--;
            return negated;
        }
        return primary();
    }

    private Matcher primary() throws RuleProblem {
        String token = next();
        if (token.equals("(")) {
            enter();
            Matcher inner = or();
            depth--;
            if (!accept(")")) {
                throw syntax("missing ')'");
            }
            return inner;
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (position < tokens.size() && tokens.get(position).equalsIgnoreCase("of")) {
            position++;
            return quantifier(lower, next());
        }
        if (lower.equals("and") || lower.equals("or") || lower.equals(")")) {
            throw syntax("'" + token + "' where a search identifier was expected");
        }
        if (lower.equals("near")) {
            throw RuleProblem.unsupported("near in condition", "'near' (line " + line + ") is not supported", line);
        }
        Matcher identifier = identifiers.get(token);
        if (identifier == null) {
            throw RuleProblem.error("undefined search identifier", "the condition (line " + line + ") names '"
                    + token + "', which the detection does not define; defined: " + identifiers.keySet(), line);
        }
        return identifier;
    }

    private Matcher quantifier(String count, String target) throws RuleProblem {
        List<Matcher> selected = new ArrayList<>();
        if (target.equals("them")) {
            identifiers.forEach((name, matcher) -> {
                if (!name.startsWith("_")) {
                    selected.add(matcher);
                }
            });
        } else {
            Pattern pattern = Pattern.compile(Pattern.quote(target).replace("*", "\\E.*\\Q"));
            identifiers.forEach((name, matcher) -> {
                if (pattern.matcher(name).matches()) {
                    selected.add(matcher);
                }
            });
            if (selected.isEmpty()) {
                throw RuleProblem.error("pattern matches no search identifier", "'" + count + " of " + target
                        + "' (line " + line + ") matches no search identifier; defined: " + identifiers.keySet(),
                        line);
            }
        }
        if (selected.isEmpty()) {
            return Logic.NOTHING;
        }
        if (count.equals("all")) {
            return Logic.and(selected);
        }
        if (count.equals("any") || count.equals("1")) {
            return Logic.or(selected);
        }
        Long number = Text.parseInteger(count);
        if (number == null || number < 1) {
            throw syntax("'" + count + " of' needs 1, all or a positive number");
        }
        return Logic.atLeast(selected, (int) Math.min(number, Integer.MAX_VALUE));
    }

    private void enter() throws RuleProblem {
        if (++depth > MAXIMUM_DEPTH) {
            throw RuleProblem.error("condition nested too deep", "the condition (line " + line
                    + ") nests parentheses or 'not' more than " + MAXIMUM_DEPTH + " levels deep", line);
        }
    }

    private boolean accept(String word) {
        if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(word)) {
            position++;
            return true;
        }
        return false;
    }

    private String next() throws RuleProblem {
        if (position >= tokens.size()) {
            throw syntax("it ends where a search identifier was expected");
        }
        return tokens.get(position++);
    }

    private RuleProblem syntax(String what) {
        return RuleProblem.error("condition syntax", "the condition (line " + line + ") is not valid: " + what,
                line);
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
