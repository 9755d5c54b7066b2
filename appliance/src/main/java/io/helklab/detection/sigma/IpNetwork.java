package io.helklab.detection.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * An IPv4 or IPv6 network for the {@code cidr} modifier. Addresses are parsed as literals only (never resolved),
 * so matching cannot block on DNS. Immutable.
 */
public final class IpNetwork {

    private final byte[] network;
    private final int prefixLength;

    private IpNetwork(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses {@code 10.0.0.0/8}, {@code fe80::/10} or a bare address; null when it is not one. */
    public static IpNetwork parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? value : value.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            Long parsed = Text.parseInteger(value.substring(slash + 1));
            if (parsed == null || parsed < 0 || parsed > bits || value.substring(slash + 1).startsWith("0x")) {
                return null;
            }
            prefix = parsed.intValue();
        }
        return new IpNetwork(address, prefix);
    }

    /** Whether an address literal lies in this network; false for anything that is not an address. */
    public boolean contains(String addressText) {
        byte[] address = parseAddress(addressText.strip());
        if (address == null || address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainder = prefixLength % 8;
        if (remainder == 0) {
            return true;
        }
        int mask = 0xff << (8 - remainder) & 0xff;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** An IPv4 or IPv6 literal as bytes, or null. */
    static byte[] parseAddress(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte[] parseIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        List<Integer> head = groups(doubleColon >= 0 ? text.substring(0, doubleColon) : text);
        List<Integer> tail = doubleColon >= 0 ? groups(text.substring(doubleColon + 2)) : new ArrayList<>();
        if (head == null || tail == null) {
            return null;
        }
        int count = head.size() + tail.size();
        if (doubleColon < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            bytes[2 * i] = (byte) (head.get(i) >> 8);
            bytes[2 * i + 1] = (byte) (int) head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            int index = 8 - tail.size() + i;
            bytes[2 * index] = (byte) (tail.get(i) >> 8);
            bytes[2 * index + 1] = (byte) (int) tail.get(i);
        }
        return bytes;
    }

    /** 16-bit groups separated by colons; a dotted IPv4 tail counts as two. */
    private static List<Integer> groups(String text) {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return groups;
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.indexOf('.') >= 0) {
                byte[] ipv4 = parseIpv4(part);
                if (ipv4 == null) {
                    return null;
                }
                groups.add((ipv4[0] & 0xff) << 8 | ipv4[1] & 0xff);
                groups.add((ipv4[2] & 0xff) << 8 | ipv4[3] & 0xff);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                int digit = Character.digit(part.charAt(j), 16);
                if (digit < 0) {
                    return null;
                }
                value = value * 16 + digit;
            }
            groups.add(value);
        }
        return groups;
    }
}
