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
