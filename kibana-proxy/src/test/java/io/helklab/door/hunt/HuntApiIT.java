package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.samples.AnswerFact;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hunt REST API over a real appliance holding the LSASS dumping scenario. */
class HuntApiIT {
    private static HuntFixture fixture;
    private static Scenario scenario;
    private static AnswerFact dumper;

    @BeforeAll
    static void start() {
        fixture = HuntFixture.get();
        scenario = SampleCatalog.find(HuntFixture.SCENARIO);
        dumper = scenario.answerKey().get(0);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HuntFixture.Response api(String pathAndQuery) {
        return HuntFixture.get(fixture.url() + "api/hunt/" + pathAndQuery);
    }

    @Test
    void anEmptySearchCountsEveryEventAndSpansTheDayInTheHistogram() {
        HuntFixture.Response response = api("search?size=5");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.path("total").asLong()).isEqualTo(scenario.eventCount());
        assertThat(body.path("hits")).hasSize(5);
        JsonNode histogram = body.path("histogram");
        assertThat(histogram.path("interval").asText()).isEqualTo("30m");
        long inBuckets = 0;
        for (JsonNode bucket : histogram.path("buckets")) {
            inBuckets += bucket.path("count").asLong();
        }
        assertThat(inBuckets).isEqualTo(scenario.eventCount());
    }

    @Test
    void aCommandLineSearchFindsTheDumperAndTopValuesCountOverAllMatches() {
        String commandLine = (String) dumper.match().get("process_command_line");
        HuntFixture.Response response = api("search?q=" + encode("process_command_line.keyword:\""
                + commandLine.replace("\\", "\\\\") + "\"") + "&top=host_name,event_id");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(body.path("hits").path(0).path("source").path("process_guid").asText()).isEqualTo(dumper.match().get("process_guid"));
        // The normaliser lower-cases host names (the answer key spells them as the event log does).
        assertThat(body.at("/topValues/0/values/0/value").asText()).isEqualToIgnoringCase((String) dumper.match().get("host_name"));
        assertThat(body.at("/topValues/1/field").asText()).isEqualTo("event_id");
    }

    @Test
    void filtersNarrowAndNegatedFiltersExclude() {
        long all = api("search?size=0&histogram=false").body().path("total").asLong();
        long sysmon = api("search?size=0&histogram=false&filter=" + encode("_index:logs-endpoint-winevent-sysmon-2026.10.06"))
                .body().path("total").asLong();
        long rest = api("search?size=0&histogram=false&filter=" + encode("-_index:logs-endpoint-winevent-sysmon-2026.10.06"))
                .body().path("total").asLong();
        assertThat(sysmon).isEqualTo(scenario.counts().get("logs-endpoint-winevent-sysmon"));
        assertThat(sysmon + rest).isEqualTo(all);
    }

    @Test
    void aSyntaxErrorIsA400WithTheParsersMessage() {
        HuntFixture.Response response = api("search?q=" + encode("process_name:(werfault.exe"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("parameter").asText()).isEqualTo("q");
        assertThat(response.body().path("reason").asText()).contains("Cannot parse", "process_name:(werfault.exe");
        assertThat(response.headers().get("content-type")).anySatisfy(type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void badParametersAreClear400s() {
        HuntFixture.Response unknownField = api("search?filter=" + encode("no_such_field:1"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().path("error").asText()).contains("No field 'no_such_field'");
        assertThat(api("search?size=100000").status()).isEqualTo(400);
        assertThat(api("process-tree").body().path("parameter").asText()).isEqualTo("host");
        assertThat(api("process-activity?guid=nope").status()).isEqualTo(400);
        assertThat(api("nothing-here").status()).isEqualTo(404);
    }

    @Test
    void theProcessTreeHoldsTheMaliciousChainWithItsActivity() {
        HuntFixture.Response response = api("process-tree?host=WKS02.helk.lab");
        assertThat(response.status()).isEqualTo(200);
        JsonNode werfault = find(response.body().path("roots"), (String) dumper.match().get("process_guid"));
        assertThat(werfault).as("the dumper in the tree").isNotNull();
        assertThat(werfault.path("commandLine").asText()).isEqualTo(dumper.match().get("process_command_line"));
        assertThat(werfault.path("activity").path("10").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode cmd = find(response.body().path("roots"), (String) dumper.match().get("process_parent_guid"));
        assertThat(cmd.path("children")).anySatisfy(child -> assertThat(child.path("guid").asText()).isEqualTo(dumper.match().get("process_guid")));
        assertThat(cmd.path("path").asText()).isEqualTo("c:\\windows\\system32\\cmd.exe");

        JsonNode activity = api("process-activity?host=WKS02.helk.lab&guid=" + dumper.match().get("process_guid")).body();
        assertThat(activity.path("process").path("process_command_line").asText()).isEqualTo(dumper.match().get("process_command_line"));
        assertThat(activity.path("counts").path("10").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(activity.path("counts").path("11").asLong()).isGreaterThanOrEqualTo(1);
    }

    private static JsonNode find(JsonNode nodes, String guid) {
        for (JsonNode node : nodes) {
            if (node.path("guid").asText().equals(guid)) {
                return node;
            }
            JsonNode below = find(node.path("children"), guid);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    @Test
    void challengesAreJudgedOnTheServer() {
        JsonNode scenarios = api("scenarios").body().path("scenarios");
        assertThat(scenarios.toString()).doesNotContain("acceptedAnswers", "c4d0719b-facc-6ac4-bc88-00000000f086");
        String path = fixture.url() + "api/hunt/scenarios/" + HuntFixture.SCENARIO + "/challenges/process-guid/answer";
        assertThat(HuntFixture.post(path, "{\"answer\":\"{C4D0719B-FACC-6AC4-BC88-00000000F086}\"}").body().path("correct").asBoolean()).isTrue();
        assertThat(HuntFixture.post(path, "{\"answer\":\"c4d0719b-0000\"}").body().path("correct").asBoolean()).isFalse();
        assertThat(HuntFixture.post(path, "not json").status()).isEqualTo(400);
        assertThat(HuntFixture.get(path).status()).isEqualTo(405);
    }

    @Test
    void theUiIsServedWithContentTypesAndCaching() {
        HuntFixture.Response page = HuntFixture.get(fixture.url());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("content-type")).containsExactly("text/html; charset=utf-8");
        assertThat(page.headers().get("cache-control")).containsExactly("no-cache");
        String html = page.body().asText();
        String script = html.replaceAll("(?s).*src=\"\\./(assets/[^\"]+\\.js)\".*", "$1");
        HuntFixture.Response asset = HuntFixture.get(fixture.url() + script);
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.headers().get("content-type")).containsExactly("text/javascript; charset=utf-8");
        assertThat(asset.headers().get("cache-control")).containsExactly("public, max-age=31536000, immutable");
        assertThat(HuntFixture.get(fixture.url() + "assets/../../HuntApi.class").status()).isEqualTo(404);
    }
}
