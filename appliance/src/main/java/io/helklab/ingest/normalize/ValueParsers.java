package io.helklab.ingest.normalize;

import java.util.Locale;

/**
 * Small allocation-light parsers for the typed HELK fields. None of them throws: a value that does not fit
 * returns null (or false) and the caller keeps the raw text. No regular expressions, no name lookups.
 */
final class ValueParsers {

    private ValueParsers() {
    }

    /**
     * Parses a decimal ({@code 4242}) or hexadecimal ({@code 0x1fffff}) non-negative integer that fits a signed
     * 64-bit {@code long}; blanks around it are ignored. Returns null for anything else.
     */
    static Long parseInteger(String text) {
        String value = text.strip();
        int length = value.length();
        if (length == 0) {
            return null;
        }
        if (length > 2 && value.charAt(0) == '0' && (value.charAt(1) == 'x' || value.charAt(1) == 'X')) {
            // Logon ids are 64-bit; 15 hex digits always fit a signed long, 16 may not.
            if (length - 2 > 16) {
                return null;
            }
            long result = 0;
            for (int i = 2; i < length; i++) {
                int digit = Character.digit(value.charAt(i), 16);
                if (digit < 0) {
                    return null;
                }
                result = (result << 4) | digit;
            }
            return result < 0 ? null : result;
        }
        if (length > 18) {
            return null;
        }
        long result = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    /** {@code true}/{@code false} in any case, or {@code 1}/{@code 0}; null for anything else. */
    static Boolean parseBoolean(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("true") || value.equals("1")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false") || value.equals("0")) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** Lower case without braces: {@code {6F1D…}} becomes {@code 6f1d…}. */
    static String normalizeGuid(String text) {
        String value = text.strip();
        if (value.length() >= 2 && value.charAt(0) == '{' && value.charAt(value.length() - 1) == '}') {
            value = value.substring(1, value.length() - 1);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** The part after the last back or forward slash. */
    static String basename(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return cut < 0 ? path : path.substring(cut + 1);
    }

    /**
     * True when the text is an IPv4 literal or an IPv6 literal (optionally ending in a dotted IPv4 part) that
     * Elasticsearch's {@code ip} type accepts. Zone ids ({@code fe80::1%12}) and octets with leading zeros are
     * rejected, as Elasticsearch rejects them. Never resolves names.
     */
    static boolean isIpLiteral(String text) {
        if (text.indexOf(':') >= 0) {
            return isIpv6(text);
        }
        return isIpv4(text, 0, text.length());
    }

    private static boolean isIpv4(String text, int start, int end) {
        int octets = 0;
        int position = start;
        while (true) {
            int octetStart = position;
            int value = 0;
            while (position < end && text.charAt(position) != '.') {
                char c = text.charAt(position);
                if (c < '0' || c > '9' || position - octetStart >= 3) {
                    return false;
                }
                value = value * 10 + (c - '0');
                position++;
            }
            int digits = position - octetStart;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(octetStart) == '0')) {
                return false;
            }
            octets++;
            if (position == end) {
                return octets == 4;
            }
            position++;
            if (octets == 4) {
                return false;
            }
        }
    }

    private static boolean isIpv6(String text) {
        int length = text.length();
        if (length < 2 || length > 45) {
            return false;
        }
        int compression = text.indexOf("::");
        if (compression >= 0 && text.indexOf("::", compression + 1) >= 0) {
            return false;
        }
        int groups = 0;
        int position = 0;
        if (compression == 0) {
            position = 2;
        }
        while (position < length) {
            int groupStart = position;
            while (position < length && text.charAt(position) != ':') {
                position++;
            }
            String group = text.substring(groupStart, position);
            if (group.indexOf('.') >= 0) {
                // An embedded IPv4 part must be the last group.
                if (position != length || !isIpv4(text, groupStart, position)) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (group.isEmpty() || group.length() > 4) {
                return false;
            }
            for (int i = 0; i < group.length(); i++) {
                if (Character.digit(group.charAt(i), 16) < 0) {
                    return false;
                }
            }
            groups++;
            if (position == length) {
                break;
            }
            // position is at ':'; a '::' here is the one compression point.
            if (position + 1 < length && text.charAt(position + 1) == ':') {
                position += 2;
            } else if (position + 1 == length) {
                return false;
            } else {
                position++;
            }
        }
        return compression >= 0 ? groups < 8 : groups == 8;
    }
}
