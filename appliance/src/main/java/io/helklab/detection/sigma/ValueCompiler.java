package io.helklab.detection.sigma;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Compiles one {@code Field|modifier|…: value(s)} entry, or a keyword list, into a matcher, applying the
 * modifiers in the order written (as the specification's transformation chain does).
 */
final class ValueCompiler {

    private static final Set<String> TRANSFORMS = Set.of("contains", "startswith", "endswith", "base64",
            "base64offset", "utf16le", "utf16be", "utf16", "wide", "windash", "expand");
    private static final Set<String> TYPES = Set.of("re", "cidr", "exists", "fieldref", "lt", "lte", "gt", "gte");
    private static final Set<String> FLAGS = Set.of("all", "cased", "neq", "i", "m", "s");
    private static final Set<String> TIME_PARTS = Set.of("minute", "hour", "day", "week", "month", "year");
    private static final Set<String> WILDCARD_PLACEMENT = Set.of("contains", "startswith", "endswith");

    private final Placeholders placeholders;

    ValueCompiler(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /** A field entry; {@code key} is the whole YAML key ({@code CommandLine|contains|all}). */
    Matcher field(String key, Node valueNode, int line) throws RuleProblem {
        String[] parts = key.split("\\|", -1);
        String field = parts[0].strip();
        List<String> modifiers = modifiers(parts, line);
        List<Node> values = values(valueNode);
        if (values.isEmpty()) {
            throw RuleProblem.error("empty value list", "'" + key + "' has an empty list of values (line " + line
                    + "); give at least one value", line);
        }
        if (field.isEmpty()) {
            return keywords(modifiers, values, line);
        }
        List<ValueTest> tests = new ArrayList<>(values.size());
        for (Node value : values) {
            tests.addAll(compile(field, modifiers, value, line));
        }
        return new FieldItem(field, tests, modifiers.contains("all"), modifiers.contains("neq"));
    }

    /** A list of plain values under a search identifier, or a {@code '|modifier': values} keyword entry. */
    Matcher keywords(List<String> modifiers, List<Node> values, int line) throws RuleProblem {
        for (String modifier : modifiers) {
            if (TYPES.contains(modifier) || modifier.equals("neq") || modifier.equals("expand")) {
                throw RuleProblem.unsupported("modifier on keywords: " + modifier, "the modifier '" + modifier
                        + "' on a keyword list (line " + line + ") has no field to apply to", line);
            }
        }
        List<StringPattern> patterns = new ArrayList<>();
        boolean caseSensitive = modifiers.contains("cased");
        for (Node value : values) {
            if (YamlNodes.isNull(value)) {
                throw RuleProblem.error("null keyword", "a keyword list holds null (line " + YamlNodes.line(value)
                        + "); keywords are strings", YamlNodes.line(value));
            }
            boolean placement = false;
            for (String modifier : modifiers) {
                placement |= WILDCARD_PLACEMENT.contains(modifier);
            }
            Encoded encoded = transform(SigmaString.parse(YamlNodes.text(value, "a keyword")), modifiers, line);
            caseSensitive |= encoded.caseSensitive;
            for (SigmaString variant : encoded.values) {
                patterns.add(StringPattern.compile(placement ? variant : variant.contains(), !caseSensitive));
            }
        }
        return new KeywordItem(patterns, caseSensitive, modifiers.contains("all"));
    }

    private static List<String> modifiers(String[] parts, int line) throws RuleProblem {
        List<String> modifiers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String modifier = parts[i].strip();
            if (TIME_PARTS.contains(modifier)) {
                throw RuleProblem.unsupported("modifier " + modifier, "the time modifier '" + modifier
                        + "' (line " + line + ") is not supported", line);
            }
            if (!TRANSFORMS.contains(modifier) && !TYPES.contains(modifier) && !FLAGS.contains(modifier)) {
                throw RuleProblem.error("unknown modifier", "unknown modifier '" + modifier + "' (line " + line
                        + "); Sigma's modifiers are contains, startswith, endswith, all, re, base64, base64offset, "
                        + "utf16le, utf16be, utf16, wide, windash, cidr, exists, fieldref, lt, lte, gt, gte, neq, "
                        + "cased, expand", line);
            }
            modifiers.add(modifier);
        }
        long types = modifiers.stream().filter(TYPES::contains).count();
        if (types > 1) {
            throw RuleProblem.error("conflicting modifiers", "modifiers " + modifiers + " (line " + line
                    + ") combine more than one of " + TYPES, line);
        }
        boolean regex = modifiers.contains("re");
        for (String modifier : modifiers) {
            if (!regex && (modifier.equals("i") || modifier.equals("m") || modifier.equals("s"))) {
                throw RuleProblem.error("unknown modifier", "the modifier '" + modifier + "' (line " + line
                        + ") is a sub-modifier of re", line);
            }
        }
        return modifiers;
    }

    private static List<Node> values(Node node) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        return List.of(node);
    }

    private List<ValueTest> compile(String field, List<String> modifiers, Node value, int line) throws RuleProblem {
        int valueLine = YamlNodes.line(value);
        if (value instanceof SequenceNode || !(value instanceof ScalarNode)) {
            throw RuleProblem.error("nested value", "the value of '" + field + "' (line " + valueLine
                    + ") must be a string, number, boolean, null or a list of them", valueLine);
        }
        if (YamlNodes.isNull(value)) {
            if (modifiers.stream().anyMatch(modifier -> !modifier.equals("neq"))) {
                throw RuleProblem.error("null with modifiers", "null for '" + field + "' (line " + valueLine
                        + ") cannot take modifiers " + modifiers, valueLine);
            }
            return List.of(new ValueTest.NullTest());
        }
        String text = YamlNodes.text(value, "a value");
        if (modifiers.contains("exists")) {
            if (!YamlNodes.isBoolean(value)) {
                throw RuleProblem.error("exists needs a boolean", "'" + field + "|exists' (line " + valueLine
                        + ") needs true or false, not '" + text + "'", valueLine);
            }
            return List.of(new ValueTest.ExistsTest(Boolean.parseBoolean(text.toLowerCase())
                    || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on")));
        }
        if (modifiers.contains("re")) {
            return List.of(regex(field, modifiers, text, valueLine));
        }
        if (modifiers.contains("cidr")) {
            IpNetwork network = IpNetwork.parse(text);
            if (network == null) {
                throw RuleProblem.error("invalid cidr", "'" + text + "' for '" + field + "|cidr' (line " + valueLine
                        + ") is not an IPv4 or IPv6 network such as 10.0.0.0/8", valueLine);
            }
            return List.of(new ValueTest.CidrTest(List.of(network)));
        }
        for (String operator : List.of("lt", "lte", "gt", "gte")) {
            if (modifiers.contains(operator)) {
                Double bound = Text.parseNumber(text);
                if (bound == null) {
                    throw RuleProblem.error("comparison needs a number", "'" + field + "|" + operator + "' (line "
                            + valueLine + ") needs a number, not '" + text + "'", valueLine);
                }
                return List.of(new ValueTest.CompareTest(operator, bound));
            }
        }
        boolean cased = modifiers.contains("cased");
        if (modifiers.contains("fieldref")) {
            String shape = "equals";
            for (String modifier : modifiers) {
                if (WILDCARD_PLACEMENT.contains(modifier)) {
                    shape = modifier;
                } else if (TRANSFORMS.contains(modifier)) {
                    throw RuleProblem.unsupported("modifier " + modifier + " with fieldref", "'" + modifier
                            + "' with fieldref (line " + valueLine + ") is not supported", valueLine);
                }
            }
            return List.of(new ValueTest.FieldReferenceTest(text.strip(), shape, cased));
        }
        boolean transformed = modifiers.stream().anyMatch(TRANSFORMS::contains);
        if (YamlNodes.isNumber(value) && !transformed) {
            return List.of(new ValueTest.NumberTest(text, Text.parseInteger(text)));
        }
        SigmaString start = YamlNodes.isNumber(value) || YamlNodes.isBoolean(value)
                ? SigmaString.plain(text) : null;
        List<SigmaString> expanded = start != null ? List.of(start) : expand(text, modifiers, valueLine);
        List<ValueTest> tests = new ArrayList<>();
        for (SigmaString sigma : expanded) {
            Encoded encoded = transform(sigma, modifiers, valueLine);
            boolean caseSensitive = cased || encoded.caseSensitive;
            for (SigmaString variant : encoded.values) {
                tests.add(new ValueTest.PatternTest(StringPattern.compile(variant, !caseSensitive), caseSensitive));
            }
        }
        return tests;
    }

    private static ValueTest regex(String field, List<String> modifiers, String text, int line) throws RuleProblem {
        for (String modifier : modifiers) {
            if (TRANSFORMS.contains(modifier)) {
                throw RuleProblem.error("conflicting modifiers", "'" + field + "|re' (line " + line
                        + ") cannot be combined with '" + modifier + "'", line);
            }
        }
        int flags = 0;
        flags |= modifiers.contains("i") ? Pattern.CASE_INSENSITIVE : 0;
        flags |= modifiers.contains("m") ? Pattern.MULTILINE : 0;
        flags |= modifiers.contains("s") ? Pattern.DOTALL : 0;
        try {
            return new ValueTest.RegexTest(Pattern.compile(text, flags));
        } catch (PatternSyntaxException linearEngineRefused) {
            try {
                java.util.regex.Pattern.compile(text);
            } catch (java.util.regex.PatternSyntaxException invalid) {
                throw RuleProblem.error("regex does not compile", "the regular expression of '" + field
                        + "|re' (line " + line + ") does not compile: " + invalid.getDescription() + " near index "
                        + invalid.getIndex(), line, invalid);
            }
            throw RuleProblem.unsupported("regex lookaround or backreference", "the regular expression of '"
                    + field + "|re' (line " + line + ") uses a construct the linear-time engine does not have ("
                    + linearEngineRefused.getMessage() + "); Sigma's regex flavour excludes lookarounds and "
                    + "backreferences", line);
        }
    }

    /** The value, with its {@code %name%} placeholders expanded when the rule asks for it. */
    private List<SigmaString> expand(String text, List<String> modifiers, int line) throws RuleProblem {
        if (!modifiers.contains("expand")) {
            return List.of(SigmaString.parse(text));
        }
        List<String> results = List.of("");
        int position = 0;
        StringBuilder literal = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '\\' && position + 1 < text.length() && text.charAt(position + 1) == '%') {
                literal.append('%');
                position += 2;
                continue;
            }
            int close = c == '%' ? text.indexOf('%', position + 1) : -1;
            if (close < 0) {
                literal.append(c);
                position++;
                continue;
            }
            String name = text.substring(position + 1, close);
            List<String> values = placeholders.values(name);
            if (values == null) {
                throw RuleProblem.unsupported("expand placeholder without values", "the placeholder %" + name
                        + "% (line " + line + ") has no values: define it in a placeholders.yml beside the rules ("
                        + name + ": [value, …])", line);
            }
            results = append(results, List.of(literal.toString()));
            literal.setLength(0);
            results = append(results, values);
            position = close + 1;
        }
        results = append(results, List.of(literal.toString()));
        List<SigmaString> parsed = new ArrayList<>(results.size());
        for (String result : results) {
            parsed.add(SigmaString.parse(result));
        }
        return parsed;
    }

    private static List<String> append(List<String> prefixes, List<String> suffixes) throws RuleProblem {
        if ((long) prefixes.size() * suffixes.size() > 10_000) {
            throw RuleProblem.error("expansion too large", "placeholder expansion gives more than 10,000 values", 0);
        }
        List<String> result = new ArrayList<>(prefixes.size() * suffixes.size());
        for (String prefix : prefixes) {
            for (String suffix : suffixes) {
                result.add(prefix + suffix);
            }
        }
        return result;
    }

    /** Values after the transformation modifiers, and whether they must be compared case-sensitively. */
    private record Encoded(List<SigmaString> values, boolean caseSensitive) {
    }

    private static Encoded transform(SigmaString start, List<String> modifiers, int line) throws RuleProblem {
        List<SigmaString> values = List.of(start);
        byte[][] bytes = null;
        boolean caseSensitive = false;
        for (String modifier : modifiers) {
            switch (modifier) {
                case "contains" -> values = map(values, SigmaString::contains);
                case "startswith" -> values = map(values, SigmaString::startsWith);
                case "endswith" -> values = map(values, SigmaString::endsWith);
                case "windash" -> values = map(values, SigmaString::windash);
                case "utf16le", "wide", "utf16be", "utf16" -> bytes = encode(values, bytes, modifier, line);
                case "base64", "base64offset" -> {
                    byte[][] input = bytes != null ? bytes : encode(values, null, "utf8", line);
                    List<SigmaString> encoded = new ArrayList<>();
                    for (byte[] value : input) {
                        if (modifier.equals("base64")) {
                            encoded.add(SigmaString.plain(Base64.getEncoder().encodeToString(value)));
                        } else {
                            for (String shifted : base64Offsets(value)) {
                                if (!shifted.isEmpty()) {
                                    encoded.add(SigmaString.plain(shifted));
                                }
                            }
                        }
                    }
                    if (encoded.isEmpty()) {
                        throw RuleProblem.error("value too short for base64offset", "the value (line " + line
                                + ") is too short for base64offset: no encoded text is stable at every offset", line);
                    }
                    values = encoded;
                    bytes = null;
                    caseSensitive = true;
                }
                default -> {
                }
            }
        }
        if (bytes != null) {
            List<SigmaString> latin = new ArrayList<>();
            for (byte[] value : bytes) {
                latin.add(SigmaString.plain(new String(value, StandardCharsets.ISO_8859_1)));
            }
            values = latin;
        }
        return new Encoded(values, caseSensitive);
    }

    private static byte[][] encode(List<SigmaString> values, byte[][] bytes, String encoding, int line)
            throws RuleProblem {
        if (bytes != null) {
            throw RuleProblem.error("conflicting modifiers", "two text encodings on one value (line " + line + ")",
                    line);
        }
        byte[][] result = new byte[values.size()][];
        for (int i = 0; i < result.length; i++) {
            SigmaString value = values.get(i);
            if (value.hasWildcards()) {
                throw RuleProblem.error("wildcard in encoded value", "a value with wildcards cannot be encoded (line "
                        + line + "); put contains/startswith/endswith after the encoding modifiers", line);
            }
            String text = value.plainText();
            result[i] = switch (encoding) {
                case "utf16le", "wide" -> text.getBytes(StandardCharsets.UTF_16LE);
                case "utf16be" -> text.getBytes(StandardCharsets.UTF_16BE);
                case "utf16" -> concat(new byte[] {(byte) 0xff, (byte) 0xfe}, text.getBytes(StandardCharsets.UTF_16LE));
                default -> text.getBytes(StandardCharsets.UTF_8);
            };
        }
        return result;
    }

    /**
     * The three base64 renderings of a value that may sit at any byte offset inside a longer encoded text: the
     * value shifted by 0, 1 and 2 bytes, without the leading and trailing characters that depend on the
     * neighbouring bytes.
     */
    static List<String> base64Offsets(byte[] value) {
        int[] startTrim = {0, 2, 3};
        List<String> result = new ArrayList<>(3);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + value.length];
            System.arraycopy(value, 0, shifted, shift, value.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int end = switch ((value.length + shift) % 3) {
                case 0 -> encoded.length();
                case 1 -> encoded.length() - 3;
                default -> encoded.length() - 2;
            };
            result.add(end > startTrim[shift] ? encoded.substring(startTrim[shift], end) : "");
        }
        return result;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = new byte[first.length + second.length];
        System.arraycopy(first, 0, result, 0, first.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    private interface Transformation {
        SigmaString apply(SigmaString value);
    }

    private static List<SigmaString> map(List<SigmaString> values, Transformation transformation) {
        List<SigmaString> result = new ArrayList<>(values.size());
        for (SigmaString value : values) {
            result.add(transformation.apply(value));
        }
        return result;
    }
}
