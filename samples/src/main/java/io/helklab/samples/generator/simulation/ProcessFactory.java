package io.helklab.samples.generator.simulation;

import io.helklab.samples.generator.domain.Host;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Mints the identifiers Windows and Sysmon hand out on one host: process ids (multiples of four, never
 * reused within a dataset so that a pid names one process), Sysmon process and logon GUIDs
 * ({@code {machine-prefix}-time-…}, upper-case with braces, as Sysmon writes them) and logon ids.
 * Not thread-safe; one instance per host and dataset.
 */
public final class ProcessFactory {

    private final Host host;
    private final Random random;
    private final Set<Integer> usedProcessIds = new HashSet<>();
    private final Set<Long> usedLogonIds = new HashSet<>();
    private int processSequence;

    public ProcessFactory(Host host, Random random) {
        this.host = host;
        this.random = random;
    }

    public int newProcessId() {
        while (true) {
            int candidate = 4 * (100 + random.nextInt(4_000));
            if (usedProcessIds.add(candidate)) {
                return candidate;
            }
        }
    }

    /** Claims a fixed id, such as 4 for the System process. */
    public int reserveProcessId(int processId) {
        if (!usedProcessIds.add(processId)) {
            throw new IllegalStateException("Process id " + processId + " is already used on " + host.name());
        }
        return processId;
    }

    public String newProcessGuid(Instant start) {
        processSequence++;
        long seconds = start.getEpochSecond();
        return String.format("{%s-%04X-%04X-%04X-%012X}", host.sysmonMachinePrefix(), seconds & 0xFFFF, (seconds >>> 16) & 0xFFFF,
                random.nextInt(0x10000), ((long) processSequence << 8) | random.nextInt(0x100));
    }

    public long newLogonId() {
        while (true) {
            long candidate = 0x10000L + random.nextInt(0x7FFFFF);
            if (usedLogonIds.add(candidate)) {
                return candidate;
            }
        }
    }

    /** Sysmon's logon GUID: the machine prefix, the logon time, then the logon id's bytes little-endian. */
    public String logonGuid(long logonId, Instant logonTime) {
        long seconds = logonTime.getEpochSecond();
        StringBuilder littleEndian = new StringBuilder();
        for (int shift = 0; shift < 64; shift += 8) {
            littleEndian.append(String.format("%02X", (logonId >>> shift) & 0xFF));
        }
        return String.format("{%s-%04X-%04X-%s-%s}", host.sysmonMachinePrefix(), seconds & 0xFFFF, (seconds >>> 16) & 0xFFFF,
                littleEndian.substring(0, 4), littleEndian.substring(4));
    }

    public int newThreadId() {
        return 4 * (200 + random.nextInt(6_000));
    }
}
