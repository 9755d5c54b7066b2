package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The alerts API over real alert documents in {@code alerts-*}: states, a replay that rewrites an alert, bad input. */
class AlertsApiIT {
    private static HuntFixture fixture;
    private static List<JsonNode> alerts;

    @BeforeAll
    static void start() throws Exception {
        fixture = HuntFixture.get();
        alerts = DetectionViewsBrowserIT.indexAlertsOnTheLsassReads(fixture);
    }

    private static HuntFixture.Response api(String pathAndQuery) {
        return HuntFixture.get(fixture.url() + "api/hunt/alerts" + pathAndQuery);
    }

    private static String testAlerts(String state) {
        return "?state=" + state + "&filter=" + URLEncoder.encode("rule_id:" + DetectionViewsBrowserIT.RULE_ID, StandardCharsets.UTF_8);
    }

    private static HuntFixture.Response setState(String id, String state) {
        return HuntFixture.post(fixture.url() + "api/hunt/alerts/state", "{\"ids\": [\"" + id + "\"], \"state\": \"" + state + "\"}");
    }

    @Test
    void aClosedAlertStaysClosedWhenAReplayRewritesIt() throws Exception {
        String id = alerts.get(0).path("_id").asText();
        assertThat(setState(id, "closed").status()).isEqualTo(200);
        try {
            DetectionViewsBrowserIT.indexAlertsOnTheLsassReads(fixture);
            JsonNode closed = api(testAlerts("closed")).body();
            assertThat(closed.path("total").asLong()).isEqualTo(1);
            assertThat(closed.at("/alerts/0/id").asText()).isEqualTo(id);
            assertThat(closed.at("/alerts/0/state").asText()).isEqualTo("closed");
            assertThat(closed.at("/states/closed").asLong()).isEqualTo(1);
            assertThat(closed.at("/states/open").asLong()).isEqualTo(alerts.size() - 1);
            assertThat(api(testAlerts("open")).body().path("alerts")).extracting(alert -> alert.path("id").asText())
                    .hasSize(alerts.size() - 1).doesNotContain(id);
        } finally {
            assertThat(setState(id, "open").status()).isEqualTo(200);
        }
        assertThat(api(testAlerts("open")).body().path("total").asLong()).isEqualTo(alerts.size());
    }

    @Test
    void theViewGroupsByRuleHostLevelAndTechniqueAndCountsTechniques() {
        JsonNode page = api(testAlerts("all")).body();
        assertThat(page.at("/groups/rule/0/value").asText()).isEqualTo(DetectionViewsBrowserIT.RULE_TITLE);
        assertThat(page.at("/groups/host/0/value").asText()).isEqualTo("wks02.helk.lab");
        assertThat(page.at("/groups/level/0/value").asText()).isEqualTo("high");
        assertThat(page.at("/groups/technique/0/value").asText()).isEqualTo("T1003.001");
        assertThat(page.path("buckets")).isNotEmpty();
        JsonNode techniques = api("/techniques?filter=" + URLEncoder.encode("rule_id:" + DetectionViewsBrowserIT.RULE_ID,
                StandardCharsets.UTF_8)).body();
        assertThat(techniques.path("techniques")).singleElement().satisfies(technique -> {
            assertThat(technique.path("id").asText()).isEqualTo("T1003.001");
            assertThat(technique.path("count").asLong()).isEqualTo(alerts.size());
            assertThat(technique.path("tactics")).extracting(JsonNode::asText).containsExactly("credential_access");
        });
    }

    @Test
    void badInputIsRefusedNamingWhatIsWrong() {
        HuntFixture.Response unknownState = api("?state=done");
        assertThat(unknownState.status()).isEqualTo(400);
        assertThat(unknownState.body().path("parameter").asText()).isEqualTo("state");
        HuntFixture.Response noIds = HuntFixture.post(fixture.url() + "api/hunt/alerts/state", "{\"state\": \"closed\"}");
        assertThat(noIds.status()).isEqualTo(400);
        assertThat(noIds.body().path("error").asText()).contains("ids");
        HuntFixture.Response badState = setState("x", "resolved");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.body().path("error").asText()).contains("open, acknowledged or closed");
        assertThat(api("?filter=" + URLEncoder.encode("rule_name:x", StandardCharsets.UTF_8)).body().path("error").asText())
                .contains("rule_name");
        assertThat(HuntFixture.get(fixture.url() + "api/hunt/alerts/state").status()).isEqualTo(405);
    }
}
