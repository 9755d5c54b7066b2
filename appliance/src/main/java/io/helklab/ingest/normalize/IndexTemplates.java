package io.helklab.ingest.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The legacy index templates (Elasticsearch 7.10 {@code PUT _template/<name>} bodies) for every index the
 * normaliser and the streaming join write to. The bodies live as JSON resources under
 * {@code io/helklab/ingest/templates/}; install all of them before the first bulk request.
 *
 * <p>Mapping choices: ordinary strings are {@code keyword} with a {@code .keyword} sub-field (HELK's queries
 * use {@code <field>.keyword}); command lines and paths are {@code text} with a word-delimiter analyzer plus
 * {@code .keyword}; ids, ports and access masks are numbers; {@code event_original_message} is kept in
 * {@code _source} but not indexed. Every keyword has {@code ignore_above: 8191} (8191 characters of up to 4
 * UTF-8 bytes stay below Lucene's 32766-byte term limit).
 *
 * <p>The channel and catch-all indices refresh every 5 s (HELK's templates: 10 s), the others every second. Each
 * refresh writes a segment, and merging one-second segments cost a noticeable share of the cores during ingest
 * ({@code benchmark ingest}; figures in the README's design notes). Forced refreshes, as the JUnit fixture's
 * searches do, still show everything at once.
 *
 * <p>Stateless and thread-safe; the resources are read once, when the class is initialised.
 */
public final class IndexTemplates {

    /** Template for {@code logs-endpoint-winevent-*}. */
    public static final String WINEVENT = "helk-logs-endpoint-winevent";
    /** Template for {@code logs-indexme-*}: accepts anything, every value a keyword. */
    public static final String CATCH_ALL = "helk-logs-indexme";
    /** Template for {@code parse-failures-*}: a tiny fixed mapping. */
    public static final String PARSE_FAILURES = "helk-parse-failures";
    /** Template for {@code sysmon-join-*}, the streaming process-create ⋈ network-connect results. */
    public static final String SYSMON_JOIN = "helk-sysmon-join";
    /** Template for {@code alerts-*}, the detection service's alerts. */
    public static final String ALERTS = "helk-alerts";

    private static final String RESOURCE_DIRECTORY = "/io/helklab/ingest/templates/";
    private static final Map<String, String> TEMPLATES = load();

    private IndexTemplates() {
    }

    /** Template name → JSON body, in installation order. */
    public static Map<String, String> all() {
        return TEMPLATES;
    }

    private static Map<String, String> load() {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put(WINEVENT, read("logs-endpoint-winevent.json"));
        templates.put(CATCH_ALL, read("logs-indexme.json"));
        templates.put(PARSE_FAILURES, read("parse-failures.json"));
        templates.put(SYSMON_JOIN, read("sysmon-join.json"));
        templates.put(ALERTS, read("alerts.json"));
        return Collections.unmodifiableMap(templates);
    }

    private static String read(String fileName) {
        String resource = RESOURCE_DIRECTORY + fileName;
        try (InputStream in = IndexTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Index template resource " + resource + " is missing from the "
                        + "classpath; the helk-lab-appliance jar is incomplete, rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read index template resource " + resource, e);
        }
    }
}
