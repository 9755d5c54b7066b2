package io.helklab.ingest.normalize;

/**
 * How a raw event-data value becomes a HELK field. Each kind names the conversion that
 * {@link DocumentBuilder} applies; conversions never throw, a value that does not fit is kept
 * in {@code <field>_orig} with a warning.
 */
enum ValueKind {
    /** Kept as it is. */
    KEEP,
    /** Lower-cased and stripped of surrounding blanks (HELK lower-cases paths, names and users). */
    LOWER,
    /**
     * Lower-cased, every character kept: a command line's trailing blank (Windows writes
     * {@code "C:\Windows\system32\cmd.exe" } for a quoted image) is part of the evidence.
     */
    COMMAND_LINE,
    /** Lower-cased host name (HELK lower-cases {@code host_name}, {@code src_host_name}, {@code dst_host_name}). */
    HOST,
    /** Lower-cased GUID without braces. */
    GUID,
    /** Decimal or {@code 0x} hexadecimal integer, stored as a number. */
    NUMBER,
    /** TCP/UDP port: an integer from 0 to 65535. */
    PORT,
    /** Hexadecimal access mask: stored as a number, the original text in {@code <field>_orig}. */
    ACCESS_MASK,
    /** {@code true}/{@code false}, stored as a boolean. */
    BOOLEAN,
    /** IPv4 or IPv6 literal, validated without any name lookup. */
    IP,
    /** Date and time, stored as ISO-8601 UTC. */
    DATE,
    /** Lower-cased path to an executable, plus its basename in the sibling {@code *_name} field. */
    PROCESS_PATH,
    /** Lower-cased {@code DOMAIN\name}, plus {@code *_domain} and {@code *_name} siblings. */
    ACCOUNT,
    /** {@code ALGORITHM=value,…} split into one field per algorithm, the target being the prefix. */
    HASHES,
    /** Sysmon's {@code RuleName}: {@code key=value,…} pairs as {@code rule_<key>}, else {@code rule_name}. */
    RULE_NAME,
    /** Consumed elsewhere (for example Sysmon's {@code UtcTime}, which becomes {@code @timestamp}). */
    SKIP
}
