package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.samples.SampleCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/rules} and {@code POST /api/rules/test} through the product's own door, over a real appliance
 * that ingested the LSASS scenario with the built-in pack loaded. Pins the JSON contract the hunt UI reads.
 */
class RulesApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RULE_FIELDS = List.of("id", "title", "file", "level", "status", "reason",
            "author", "tags", "attack_technique_ids", "attack_tactics", "logsource", "hits", "last_hit");
    private static final String LSASS_READ_RULE = """
            title: LSASS memory read by a program outside System32
            id: 5c1f0a3e-7d6b-4f8e-9a2c-3b4d5e6f7a81
            author: HELK lab tests
            tags: [attack.credential_access, attack.t1003.001]
            logsource: {product: windows, category: process_access}
            detection:
              lsass:
                TargetImage|endswith: '\\lsass.exe'
                GrantedAccess: ['0x1010', '0x1410', '0x1FFFFF']
              system:
                SourceImage|startswith: 'C:\\Windows\\System32\\'
              condition: lsass and not system
            level: high
            """;
    /** The dumper's start (Sysmon 1), named for correlations to refer to. */
    private static final String DUMPER_START_RULE = """
            title: Program started from the Public Libraries folder
            name: public_libraries_start
            logsource: {product: windows, category: process_creation}
            detection:
              selection:
                Image|startswith: 'C:\\Users\\Public\\Libraries\\'
              condition: selection
            ---
            """;
    /** The dumper's two LSASS reads (Sysmon 10, 0x1010 then 0x1FFFFF), named for correlations to refer to. */
    private static final String DUMPER_READ_RULE = """
            title: LSASS read by a program in the Public Libraries folder
            name: public_libraries_lsass_read
            logsource: {product: windows, category: process_access}
            detection:
              selection:
                TargetImage|endswith: '\\lsass.exe'
                SourceImage|startswith: 'C:\\Users\\Public\\Libraries\\'
              condition: selection
            ---
            """;
    private static HuntFixture fixture;

    @BeforeAll
    static void start() {
        fixture = HuntFixture.get();
    }

    private static HuntFixture.Response test(Map<String, Object> body) throws Exception {
        return HuntFixture.post(fixture.url() + "api/rules/test", JSON.writeValueAsString(body));
    }

    @Test
    void listsEveryRuleWithStatusAndHits() {
        HuntFixture.Response response = HuntFixture.get(fixture.url() + "api/rules");

        assertThat(response.status()).isEqualTo(200);
        JsonNode counts = response.body().path("counts");
        assertThat(iterable(counts.fieldNames())).containsExactly("active", "disabled", "unsupported", "error");
        JsonNode rules = response.body().path("rules");
        assertThat(counts.path("active").asLong()).isGreaterThanOrEqualTo(30).isEqualTo(count(rules, "active"));
        assertThat(rules).allSatisfy(rule -> assertThat(iterable(rule.fieldNames())).containsAll(RULE_FIELDS));
        JsonNode dump = find(rules, "proc_access_lsass_dump_rights.yml");
        assertThat(dump.path("status").asText()).isEqualTo("active");
        assertThat(dump.path("level").asText()).isEqualTo("high");
        assertThat(dump.path("author").asText()).isEqualTo("HELK lab");
        assertThat(dump.path("attack_technique_ids").toString()).contains("T1003.001");
        assertThat(dump.path("attack_tactics").toString()).contains("credential-access");
        assertThat(dump.path("logsource").asText()).contains("process_access");
        assertThat(dump.path("hits").asLong()).isEqualTo(2);
        assertThat(dump.path("last_hit").asText()).isNotBlank();
    }

    @Test
    void backTestsARuleOverTheStoredEventsWithoutLoadingIt() throws Exception {
        HuntFixture.Response response = test(Map.of("yaml", LSASS_READ_RULE, "limit", 1));

        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.path("rule").path("status").asText()).isEqualTo("active");
        assertThat(body.path("rule").path("attack_technique_ids").toString()).contains("T1003.001");
        assertThat(body.path("scanned").asLong()).isEqualTo(SampleCatalog.find(HuntFixture.SCENARIO).eventCount());
        assertThat(body.path("matched").asLong()).isEqualTo(2);
        assertThat(body.path("events")).hasSize(1);
        JsonNode event = body.path("events").get(0);
        for (String field : List.of("index", "id", "@timestamp", "host_name", "event_id", "process_name",
                "process_command_line", "original")) {
            assertThat(event.has(field)).as(field).isTrue();
        }
        assertThat(event.path("event_id").asInt()).isEqualTo(10);
        assertThat(event.path("original").isObject()).isTrue();
        assertThat(event.path("original").toString()).containsIgnoringCase("lsass.exe");
        assertThat(HuntFixture.get(fixture.url() + "api/rules").body().path("rules").toString())
                .as("a back-test does not load its rule").doesNotContain("5c1f0a3e-7d6b-4f8e-9a2c-3b4d5e6f7a81");

        JsonNode outside = test(Map.of("yaml", LSASS_READ_RULE, "from", "2001-01-01T00:00:00Z",
                "to", "2001-01-02T00:00:00Z")).body();
        assertThat(outside.path("scanned").asLong()).isZero();
        assertThat(outside.path("matched").asLong()).isZero();
    }

    @Test
    void aBrokenRuleReportsItsStatusAndBadRequestsAre400() throws Exception {
        JsonNode broken = test(Map.of("yaml", LSASS_READ_RULE.replace("|endswith", "|sounds_like"))).body();
        assertThat(broken.path("rule").path("status").asText()).isEqualTo("error");
        assertThat(broken.path("rule").path("reason").asText()).contains("sounds_like");
        assertThat(broken.path("matched").asLong()).isZero();

        assertThat(test(Map.of("limit", 5)).status()).isEqualTo(400);
        assertThat(test(Map.of("yaml", LSASS_READ_RULE, "from", "yesterday")).body().path("parameter").asText())
                .isEqualTo("from");
        assertThat(test(Map.of("yaml", LSASS_READ_RULE, "limit", -1)).status()).isEqualTo(400);
        assertThat(HuntFixture.post(fixture.url() + "api/rules", "{}").status()).isEqualTo(405);
        assertThat(HuntFixture.get(fixture.url() + "api/rules/nothing").status()).isEqualTo(404);
    }

    @Test
    void listsTheFixturesUnsupportedRuleWithReasonAndLineAndItsIocList() {
        JsonNode rules = HuntFixture.get(fixture.url() + "api/rules").body().path("rules");

        JsonNode unsupported = find(rules, HuntFixture.UNSUPPORTED_RULE_FILE);
        assertThat(unsupported.path("id").asText()).isEqualTo(HuntFixture.UNSUPPORTED_RULE_ID);
        assertThat(unsupported.path("status").asText()).isEqualTo("unsupported");
        assertThat(unsupported.path("reason").asText()).contains("file_access");
        assertThat(unsupported.path("line").asInt()).isEqualTo(HuntFixture.UNSUPPORTED_RULE_LINE);
        assertThat(unsupported.path("hits").asLong()).isZero();

        JsonNode ioc = find(rules, HuntFixture.IOC_FILE);
        assertThat(ioc.path("id").asText()).isEqualTo("ioc:" + HuntFixture.IOC_FILE);
        assertThat(ioc.path("status").asText()).isEqualTo("active");
        assertThat(ioc.path("title").asText()).contains("1 indicators");
        assertThat(ioc.path("logsource").isNull()).isTrue();
        assertThat(find(rules, "proc_access_lsass_dump_rights.yml").path("logsource").asText())
                .isEqualTo("windows/process_access");
    }

    @Test
    void backTestsAnEventCountCorrelationOnItsOwnMatchesOnly() throws Exception {
        String twoReads = DUMPER_READ_RULE + """
                title: Two LSASS reads by one program in Public Libraries within a minute
                id: 0e6c2d4a-5b3f-4a71-9c8e-7d1f2a3b4c51
                correlation:
                  type: event_count
                  rules: [public_libraries_lsass_read]
                  group-by: [Computer, SourceImage]
                  timespan: 1m
                  condition: {gte: 2}
                level: high
                """;

        JsonNode fired = test(Map.of("yaml", twoReads)).body();

        assertThat(fired.path("rule").path("title").asText()).as("%s", fired).startsWith("Two LSASS reads");
        assertThat(fired.path("rule").path("logsource").asText()).isEqualTo("correlation/event_count");
        assertThat(fired.path("matched").asLong()).as("the two reads fire it once; the rules it counts stay silent")
                .isEqualTo(1);
        assertThat(fired.path("events")).singleElement().satisfies(event ->
                assertThat(event.path("event_id").asInt()).isEqualTo(10));
        assertThat(test(Map.of("yaml", twoReads.replace("gte: 2", "gte: 3"))).body().path("matched").asLong())
                .isZero();
        assertThat(test(Map.of("yaml", twoReads.replace("rules: [public_libraries_lsass_read]",
                "rules: [public_libraries_lsass_read]\n  generate: true"))).body().path("matched").asLong())
                .as("generate: true lets the counted rule alert on its own too").isEqualTo(2);
    }

    @Test
    void backTestsTemporalCorrelationsInAndOutOfOrder() throws Exception {
        String startThenRead = DUMPER_START_RULE + DUMPER_READ_RULE + """
                title: Start from Public Libraries, then an LSASS read on the same host
                correlation:
                  type: temporal_ordered
                  rules: [public_libraries_start, public_libraries_lsass_read]
                  group-by: [Computer]
                  timespan: 5m
                level: critical
                """;

        JsonNode ordered = test(Map.of("yaml", startThenRead)).body();
        assertThat(ordered.path("rule").path("logsource").asText()).as("%s", ordered)
                .isEqualTo("correlation/temporal_ordered");
        assertThat(ordered.path("matched").asLong()).isEqualTo(1);
        assertThat(ordered.path("events").get(0).path("host_name").asText()).isEqualTo("wks02.helk.lab");

        String readThenStart = startThenRead.replace("[public_libraries_start, public_libraries_lsass_read]",
                "[public_libraries_lsass_read, public_libraries_start]");
        assertThat(test(Map.of("yaml", readThenStart)).body().path("matched").asLong()).as("the wrong order")
                .isZero();
        assertThat(test(Map.of("yaml", readThenStart.replace("temporal_ordered", "temporal"))).body()
                .path("matched").asLong()).as("temporal takes any order").isEqualTo(1);
    }

    @Test
    void backTestsAValueCountCorrelation() throws Exception {
        String accessMasks = DUMPER_READ_RULE + """
                title: One program reading LSASS with two different access masks
                correlation:
                  type: value_count
                  rules: [public_libraries_lsass_read]
                  group-by: [SourceImage]
                  timespan: 10m
                  condition: {gte: 2, field: GrantedAccess}
                level: high
                """;

        assertThat(test(Map.of("yaml", accessMasks)).body().path("matched").asLong()).isEqualTo(1);
        assertThat(test(Map.of("yaml", accessMasks.replace("gte: 2", "gte: 3"))).body().path("matched").asLong())
                .isZero();
    }

    private static JsonNode find(JsonNode rules, String file) {
        for (JsonNode rule : rules) {
            if (rule.path("file").asText().endsWith(file)) {
                return rule;
            }
        }
        throw new AssertionError("no rule from " + file + " in " + rules);
    }

    private static long count(JsonNode rules, String status) {
        long count = 0;
        for (JsonNode rule : rules) {
            if (rule.path("status").asText().equals(status)) {
                count++;
            }
        }
        return count;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
