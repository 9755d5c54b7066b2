package io.helklab.samples.generator.domain;

import java.util.List;

/**
 * Resolves the lab's internet names to addresses. Every address comes from the three documentation
 * ranges (RFC 5737), so no generated record points at a real machine; the same name always resolves
 * to the same address, in every scenario. The attacker's names live under {@code example.*} for the
 * same reason. Stateless and thread-safe.
 */
public final class InternetDirectory {

    private static final List<String> DOCUMENTATION_NETWORKS = List.of("192.0.2.", "198.51.100.", "203.0.113.");

    private InternetDirectory() {
    }

    public static String addressOf(String dnsName) {
        int hash = dnsName.hashCode() & 0x7fffffff;
        return DOCUMENTATION_NETWORKS.get(hash % DOCUMENTATION_NETWORKS.size()) + (1 + (hash / 3) % 253);
    }
}
