package io.helklab.launcher.bench;

import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Distinct Sysmon records for ingest measurements, from the built-in scenarios' generated Sysmon records (our own
 * generator, fixed seed). Copy {@code k} of a record gets its own record id and its own process, parent and logon
 * GUIDs, so every record is a new document and each copy's process creations and network connections join only
 * with each other, as in a real fleet, instead of every connection joining every copy of its process. The same
 * arguments always give the same bytes.
 */
final class DistinctSysmonRecords {
    private static final Pattern RECORD_ID = Pattern.compile("\"record_id\":(\\d+)");
    /** The first group of a Windows GUID as Sysmon writes it: {@code {8 hex digits-}. */
    private static final Pattern GUID_START = Pattern.compile("\\{([0-9A-Fa-f]{8})-");
    /** Spreads copies over the GUID space (the 32-bit golden ratio). */
    private static final long COPY_STRIDE = 0x9E3779B1L;

    private final List<String> originals;

    private DistinctSysmonRecords(List<String> originals) {
        if (originals.isEmpty()) {
            throw new IllegalArgumentException("the built-in scenarios have no Sysmon records with a record_id");
        }
        this.originals = originals;
    }

    /** The Sysmon records (Winlogbeat formats, which carry {@code record_id}) of every built-in scenario. */
    static DistinctSysmonRecords fromBuiltInScenarios() {
        List<String> sysmon = new ArrayList<>();
        for (Scenario scenario : SampleCatalog.builtIn()) {
            try (Stream<byte[]> records = scenario.records()) {
                records.map(record -> new String(record, StandardCharsets.UTF_8))
                        .filter(text -> text.contains("\"Microsoft-Windows-Sysmon/Operational\""))
                        .filter(text -> RECORD_ID.matcher(text).find())
                        .forEach(sysmon::add);
            }
        }
        return new DistinctSysmonRecords(sysmon);
    }

    /** Records {@code first} to {@code first + count - 1} of the endless distinct sequence. */
    List<byte[]> records(int first, int count) {
        List<byte[]> records = new ArrayList<>(count);
        for (int number = first; number < first + count; number++) {
            records.add(record(number).getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    private String record(int number) {
        String original = originals.get(number % originals.size());
        long copy = number / originals.size();
        String renumbered = RECORD_ID.matcher(original).replaceFirst("\"record_id\":" + (100_000_000L + number));
        if (copy == 0) {
            return renumbered;
        }
        Matcher guid = GUID_START.matcher(renumbered);
        StringBuilder distinct = new StringBuilder(renumbered.length());
        while (guid.find()) {
            long first = (Long.parseLong(guid.group(1), 16) + copy * COPY_STRIDE) & 0xFFFFFFFFL;
            String digits = String.format(Locale.ROOT, "%08X", first);
            guid.appendReplacement(distinct, "{" + (Character.isLowerCase(firstLetter(guid.group(1)))
                    ? digits.toLowerCase(Locale.ROOT) : digits) + "-");
        }
        guid.appendTail(distinct);
        return distinct.toString();
    }

    private static char firstLetter(String hex) {
        for (char c : hex.toCharArray()) {
            if (Character.isLetter(c)) {
                return c;
            }
        }
        return 'A';
    }
}
