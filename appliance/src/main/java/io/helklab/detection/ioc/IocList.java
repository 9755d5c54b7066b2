package io.helklab.detection.ioc;

import io.helklab.detection.EventView;
import io.helklab.detection.sigma.IpNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One offline indicator list (HELK's OTX role): file hashes (MD5, SHA-1, SHA-256, imphash), IPv4/IPv6 addresses and
 * CIDR networks, and domain names, one per line or as CSV cells. Cells that are none of these (a CSV header, a
 * description) are skipped and counted; {@code #} starts a comment line. Immutable and thread-safe.
 *
 * <p>An event matches when a hash in {@code Hashes} (Sysmon's {@code MD5=…,SHA256=…,IMPHASH=…}) or a hash field,
 * an address in {@code DestinationIp}, {@code SourceIp} or {@code IpAddress}, or a name in {@code QueryName} or
 * {@code DestinationHostname} (the domain itself or a subdomain of it) is on the list.
 */
public final class IocList {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z][a-z0-9-]{0,62}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final List<String> HASH_FIELDS = List.of("Hashes", "Hash", "MD5", "SHA1", "SHA256", "Imphash");
    private static final List<String> ADDRESS_FIELDS = List.of("DestinationIp", "SourceIp", "IpAddress");
    private static final List<String> NAME_FIELDS = List.of("QueryName", "DestinationHostname");

    private final String name;
    private final Set<String> hashes;
    private final Set<String> addresses;
    private final List<IpNetwork> networks;
    private final List<String> networkTexts;
    private final Set<String> domains;
    private final int skipped;

    private IocList(String name, Set<String> hashes, Set<String> addresses, List<IpNetwork> networks,
                    List<String> networkTexts, Set<String> domains, int skipped) {
        this.name = name;
        this.hashes = hashes;
        this.addresses = addresses;
        this.networks = networks;
        this.networkTexts = networkTexts;
        this.domains = domains;
        this.skipped = skipped;
    }

    /** Reads a list file; its file name becomes the list's name (alerts say {@code ioc:<name>}). */
    public static IocList read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses list text. */
    public static IocList parse(String name, String text) {
        Set<String> hashes = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        List<IpNetwork> networks = new ArrayList<>();
        List<String> networkTexts = new ArrayList<>();
        Set<String> domains = new HashSet<>();
        int skipped = 0;
        for (String line : text.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            for (String cell : trimmed.split("[,;\t]")) {
                String value = unquote(cell.strip()).toLowerCase(Locale.ROOT);
                if (value.isEmpty()) {
                    continue;
                }
                if (HASH.matcher(value).matches()) {
                    hashes.add(value);
                } else if (IPV4.matcher(value).matches() && IpNetwork.parse(value) != null) {
                    addresses.add(value);
                } else if ((value.contains(":") || value.contains("/")) && IpNetwork.parse(value) != null) {
                    networks.add(IpNetwork.parse(value));
                    networkTexts.add(value);
                } else if (DOMAIN.matcher(value).matches()) {
                    domains.add(value.endsWith(".") ? value.substring(0, value.length() - 1) : value);
                } else {
                    skipped++;
                }
            }
        }
        return new IocList(name, hashes, addresses, networks, networkTexts, domains, skipped);
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1)
                : cell;
    }

    public String name() {
        return name;
    }

    /** How many indicators the list holds. */
    public int size() {
        return hashes.size() + addresses.size() + networks.size() + domains.size();
    }

    /** Cells that were no indicator (headers, descriptions). */
    public int skipped() {
        return skipped;
    }

    /** The indicators of this list the event carries, in the list's lower case; empty when none. */
    public List<String> matches(EventView event) {
        List<String> found = null;
        if (!hashes.isEmpty()) {
            for (String field : HASH_FIELDS) {
                String value = event.field(field);
                if (value != null) {
                    for (String part : value.split("[,;|\\s]")) {
                        int equals = part.indexOf('=');
                        String hash = (equals < 0 ? part : part.substring(equals + 1)).strip().toLowerCase(Locale.ROOT);
                        if (hashes.contains(hash)) {
                            found = add(found, hash);
                        }
                    }
                }
            }
        }
        if (!addresses.isEmpty() || !networks.isEmpty()) {
            for (String field : ADDRESS_FIELDS) {
                String value = event.field(field);
                if (value == null || value.isEmpty()) {
                    continue;
                }
                String address = value.strip().toLowerCase(Locale.ROOT);
                if (addresses.contains(address)) {
                    found = add(found, address);
                }
                for (int i = 0; i < networks.size(); i++) {
                    if (networks.get(i).contains(address)) {
                        found = add(found, networkTexts.get(i));
                    }
                }
            }
        }
        if (!domains.isEmpty()) {
            for (String field : NAME_FIELDS) {
                String value = event.field(field);
                if (value == null || value.isEmpty()) {
                    continue;
                }
                String domain = value.strip().toLowerCase(Locale.ROOT);
                while (true) {
                    if (domains.contains(domain)) {
                        found = add(found, domain);
                        break;
                    }
                    int dot = domain.indexOf('.');
                    if (dot < 0) {
                        break;
                    }
                    domain = domain.substring(dot + 1);
                }
            }
        }
        return found == null ? List.of() : found;
    }

    private static List<String> add(List<String> found, String indicator) {
        List<String> list = found == null ? new ArrayList<>(2) : found;
        if (!list.contains(indicator)) {
            list.add(indicator);
        }
        return list;
    }
}
