package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.door.FrontDoor;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dashboards, saved searches, CSV export and workshop progress over a real appliance holding the LSASS
 * scenario, through a door of this test's own whose home has a user dashboard directory.
 */
class HuntViewsApiIT {
    @TempDir
    static Path dashboards;
    private static HuntFixture fixture;
    private static FrontDoor door;
    private static Scenario scenario;

    @BeforeAll
    static void start() throws IOException {
        fixture = HuntFixture.get();
        scenario = SampleCatalog.find(HuntFixture.SCENARIO);
        Files.writeString(dashboards.resolve("my-hosts.yaml"), """
                title: My hosts
                index: logs-endpoint-winevent-sysmon-*
                panels:
                  - {id: hosts, title: Hosts, kind: pie, fields: [host_name]}
                  - {id: typo, title: Typo, kind: table, fields: [parent_process_name]}
                """);
        Files.writeString(dashboards.resolve("broken.json"), "{\"title\": \"Broken\", \"panels\": [}");
        door = new FrontDoor("127.0.0.1", 0, fixture.lab::health);
        HuntRoutes.create(fixture.lab.elasticsearchUrl(), SampleCatalog.builtIn(), Clock.systemUTC(), dashboards)
                .install(door, "/");
        door.start();
    }

    @AfterAll
    static void stop() {
        if (door != null) {
            door.close();
        }
    }

    private static HuntFixture.Response api(String pathAndQuery) {
        return HuntFixture.get(door.url() + "api/hunt/" + pathAndQuery);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void everyBuiltInDashboardCountsOverTheSampleInOneSearch() {
        JsonNode listed = api("dashboards").body().path("dashboards");
        List<String> builtIn = new ArrayList<>();
        listed.forEach(entry -> {
            if (entry.path("builtIn").asBoolean()) {
                builtIn.add(entry.path("id").asText());
            }
        });
        assertThat(builtIn).hasSize(7);
        for (String id : builtIn) {
            String parameters = switch (id) {
                case "host-investigation" -> "?host=wks02.helk.lab";
                case "user-investigation" -> "?user=bchen";
                case "process-investigation" -> "?process=cmd.exe";
                default -> "";
            };
            HuntFixture.Response response = api("dashboards/" + id + "/data" + parameters);
            assertThat(response.status()).as(id).isEqualTo(200);
            JsonNode data = response.body();
            // One search per index pattern with indices: the Global dashboard's alert panels add one once alerts exist.
            assertThat(data.path("searches").asInt()).as(id).isBetween(1, id.equals("global") ? 2 : 1);
            assertThat(data.path("panels")).as(id).isNotEmpty().allSatisfy(panel ->
                    assertThat(panel.path("error").isNull()).as(id + " " + panel.path("id").asText() + ": " + panel.path("error"))
                            .isTrue());
            assertThat(data.path("panels").get(0).path("total").asLong()).as(id + " first panel").isPositive();
        }
        JsonNode global = api("dashboards/global/data").body().path("panels");
        long bucketed = 0;
        for (JsonNode bucket : global.get(0).path("buckets")) {
            bucketed += bucket.path("count").asLong();
        }
        assertThat(bucketed).isEqualTo(scenario.eventCount());
    }

    @Test
    void filtersTimeAndParametersNarrowEveryPanel() {
        JsonNode hosts = api("dashboards/sysmon/data?filter=" + encode("host_name:wks02.helk.lab")).body().at("/panels/3");
        assertThat(hosts.path("id").asText()).isEqualTo("hosts");
        assertThat(hosts.path("rows")).singleElement().satisfies(row ->
                assertThat(row.path("values").get(0).asText()).isEqualTo("wks02.helk.lab"));
        long whole = api("dashboards/sysmon/data").body().at("/panels/0/total").asLong();
        long hour = api("dashboards/sysmon/data?from=2026-10-06T13:00:00Z&to=2026-10-06T14:00:00Z").body().at("/panels/0/total").asLong();
        assertThat(hour).isPositive().isLessThan(whole);
        JsonNode unasked = api("dashboards/host-investigation/data").body();
        assertThat(unasked.path("missingParameters")).extracting(JsonNode::asText).containsExactly("host");
        assertThat(api("dashboards/host-investigation/data?hots=x").status()).isEqualTo(400);
    }

    @Test
    void aUsersDashboardFileWorksAndABrokenOneIsListedWithItsReason() {
        JsonNode listed = api("dashboards").body().path("dashboards");
        assertThat(listed).anySatisfy(entry -> {
            assertThat(entry.path("id").asText()).isEqualTo("broken");
            assertThat(entry.path("error").asText()).startsWith("Not valid JSON at line 1");
        });
        JsonNode mine = api("dashboards/my-hosts/data").body().path("panels");
        assertThat(mine.get(0).path("rows")).isNotEmpty();
        assertThat(mine.get(1).path("error").asText()).contains("No field parent_process_name");
        assertThat(api("dashboards/broken/data").body().path("error").asText()).contains("broken.json");
    }

    @Test
    void savedSearchesRoundTripAndBuiltInsAreHelks() {
        JsonNode listed = api("saved-searches").body().path("savedSearches");
        assertThat(listed).extracting(entry -> entry.path("name").asText())
                .contains("Sysmon_ExecutedCommands", "Sysmon_Network_Discover", "Sysmon_Registry Events", "windows_login_events");
        HuntFixture.Response saved = HuntFixture.post(door.url() + "api/hunt/saved-searches", """
                {"name": "LSASS access (API test)", "query": "event_id:10", "index": "logs-endpoint-winevent-sysmon-*",
                 "filters": ["host_name:wks02.helk.lab"], "columns": ["process_name", "target_process_path"]}""");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().path("id").asText()).isEqualTo("lsass-access-api-test");
        JsonNode back = api("saved-searches/lsass-access-api-test").body();
        assertThat(back.path("query").asText()).isEqualTo("event_id:10");
        assertThat(back.path("filters").get(0).asText()).isEqualTo("host_name:wks02.helk.lab");
        assertThat(back.path("builtIn").asBoolean()).isFalse();
        assertThat(HuntFixture.post(door.url() + "api/hunt/saved-searches", "{\"name\": \"Sysmon_ExecutedCommands\"}").status())
                .isEqualTo(400);
        JsonNode settings = HuntFixture.get(fixture.lab.elasticsearchUrl() + "/" + HuntIndices.SAVED_SEARCHES + "/_settings").body();
        assertThat(settings.at("/" + HuntIndices.SAVED_SEARCHES + "/settings/index/number_of_replicas").asText()).isEqualTo("0");
    }

    @Test
    void theCsvExportHasEveryMatchWithTheChosenColumns() {
        long total = api("search?size=0&histogram=false&q=event_id:10").body().path("total").asLong();
        HuntFixture.Response csv = api("export?q=event_id:10&columns=host_name,process_name,process_granted_access");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("content-disposition")).singleElement().asString().contains("attachment");
        String[] lines = csv.body().asText().split("\r\n");
        assertThat(lines[0]).isEqualTo("@timestamp,host_name,process_name,process_granted_access");
        assertThat(lines).hasSize((int) total + 1);
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("werfault.exe,2097151"));
        assertThat(api("export?q=event_id:10&columns=host_name&rows=3").body().asText().split("\r\n")).hasSize(4);
        assertThat(api("export?columns=host_name&filter=" + encode("no_such_field:1")).status()).isEqualTo(400);
        assertThat(api("export?q=event_id:10").body().path("parameter").asText()).isEqualTo("columns");
    }

    @Test
    void thePageHasAFavicon() {
        HuntFixture.Response page = HuntFixture.get(door.url());
        assertThat(page.body().asText()).contains("rel=\"icon\"", "href=\"./favicon.svg\"");
        HuntFixture.Response icon = HuntFixture.get(door.url() + "favicon.svg");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.headers().get("content-type")).containsExactly("image/svg+xml");
    }

    @Test
    void aSearchOnAPatternWithoutIndicesSaysSo() {
        HuntFixture.Response response = api("search?index=nosuch-*");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asText()).startsWith("No index matches nosuch-*");
    }

    @Test
    void rightAnswersOfNamedStudentsReachTheScoreboard() {
        String answers = door.url() + "api/hunt/workshop/answers";
        JsonNode right = HuntFixture.post(answers, "{\"student\": \"Api Tester\", \"scenario\": \"" + HuntFixture.SCENARIO
                + "\", \"challenge\": \"host\", \"answer\": \"WKS02\"}").body();
        assertThat(right.path("correct").asBoolean()).isTrue();
        assertThat(right.path("recorded").asBoolean()).isTrue();
        JsonNode wrong = HuntFixture.post(answers, "{\"student\": \"Api Tester\", \"scenario\": \"" + HuntFixture.SCENARIO
                + "\", \"challenge\": \"dump-file\", \"answer\": \"c:\\\\temp\\\\x.dmp\"}").body();
        assertThat(wrong.path("correct").asBoolean()).isFalse();
        assertThat(wrong.path("recorded").asBoolean()).isFalse();
        JsonNode board = api("workshop/scoreboard").body();
        assertThat(board.path("students")).anySatisfy(student -> {
            assertThat(student.path("name").asText()).isEqualTo("Api Tester");
            assertThat(student.path("solved")).extracting(JsonNode::asText).containsExactly(HuntFixture.SCENARIO + "/host");
        });
        assertThat(board.at("/challengesPerScenario/" + HuntFixture.SCENARIO).asInt()).isEqualTo(6);
        assertThat(board.toString()).doesNotContain("WKS02");
        assertThat(api("workshop/progress?student=" + encode("api tester")).body().path("solved")).hasSize(1);
        assertThat(HuntFixture.post(answers, "{\"student\": \"" + "x".repeat(61) + "\", \"scenario\": \"" + HuntFixture.SCENARIO
                + "\", \"challenge\": \"host\", \"answer\": \"wks02\"}").status()).isEqualTo(400);
    }
}
