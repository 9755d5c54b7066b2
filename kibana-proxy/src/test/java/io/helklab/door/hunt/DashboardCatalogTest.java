package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCatalogTest {
    @TempDir
    Path home;

    @Test
    void theBuiltInsCoverHelksDashboardsWithData() {
        List<DashboardCatalog.Entry> entries = new DashboardCatalog(null).list();
        assertThat(entries).extracting(DashboardCatalog.Entry::id).containsExactly("global", "sysmon", "sysmon-network",
                "logon-activity", "host-investigation", "user-investigation", "process-investigation");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.error()).isNull());
        assertThat(new DashboardCatalog(null).get("host-investigation").parameters())
                .extracting(DashboardDefinition.Parameter::field).containsExactly("host_name");
    }

    @Test
    void aBrokenFileIsListedWithItsReasonAndTheOthersStillLoad() throws IOException {
        Files.writeString(home.resolve("mine.yaml"), """
                title: My hosts
                panels:
                  - {id: hosts, kind: bar, fields: [host_name]}
                """);
        Files.writeString(home.resolve("broken.json"), "{\"title\": \"Broken\", \"panels\": [");
        Files.writeString(home.resolve("wrong-kind.json"), "{\"title\": \"Wrong\", \"panels\": [{\"kind\": \"donut\"}]}");
        Files.writeString(home.resolve("global.json"), "{\"title\": \"Mine\", \"panels\": [{\"kind\": \"histogram\"}]}");
        Files.writeString(home.resolve("notes.txt"), "not a dashboard");
        DashboardCatalog catalog = new DashboardCatalog(home);
        List<DashboardCatalog.Entry> users = catalog.list().stream().filter(entry -> !entry.builtIn()).toList();
        assertThat(users).extracting(DashboardCatalog.Entry::id).containsExactly("broken", "global", "mine", "wrong-kind");
        assertThat(users.get(0).error()).startsWith("Not valid JSON at line 1");
        assertThat(users.get(1).error()).contains("already taken");
        assertThat(users.get(2).error()).isNull();
        assertThat(users.get(3).error()).contains("panel 'panel-1'", "'kind' is 'donut'", "histogram");
        assertThat(catalog.get("mine").panels()).singleElement().satisfies(panel -> {
            assertThat(panel.kind()).isEqualTo("bar");
            assertThat(panel.fields()).containsExactly("host_name");
        });
        assertThat(catalog.get("global").title()).isEqualTo("Global");
        assertThatThrownBy(() -> catalog.get("broken")).isInstanceOf(HuntRequestException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("Not valid JSON");
    }

    @Test
    void aPanelTakesTheNumberOfFieldsItsKindDraws() {
        DashboardCatalog.Entry pie = DashboardCatalog.parse("pie.json", "pie.json", false,
                "{\"title\": \"T\", \"panels\": [{\"kind\": \"pie\", \"fields\": [\"a\", \"b\"]}]}");
        assertThat(pie.error()).contains("a pie panel takes 1 fields, got 2");
        DashboardCatalog.Entry network = DashboardCatalog.parse("n.json", "n.json", false,
                "{\"title\": \"T\", \"panels\": [{\"kind\": \"network\", \"fields\": [\"src_ip_addr\"]}]}");
        assertThat(network.error()).contains("a network panel takes 2 to 4 fields, got 1");
    }

    @Test
    void panelsCountWithNestedTermsInsideTheirOwnFilter() {
        DashboardDefinition.Panel panel = new DashboardDefinition.Panel("p", "P", "table", List.of("a", "b"), "event_id:1",
                null, 10, 1);
        String aggregation = DashboardData.panelAggregation(panel, List.of("a.keyword", "b")).toString();
        assertThat(aggregation).isEqualTo("{\"filter\":{\"query_string\":{\"query\":\"event_id:1\",\"analyze_wildcard\":true,"
                + "\"lenient\":true}},\"aggs\":{\"data\":{\"terms\":{\"field\":\"a.keyword\",\"size\":10},\"aggs\":{\"data\":"
                + "{\"terms\":{\"field\":\"b\",\"size\":5}}}}}}");
        assertThat(DashboardData.both("event_id:1", "host_name:x")).isEqualTo("(event_id:1) AND (host_name:x)");
        assertThat(DashboardData.intervalMillis("30m")).isEqualTo(1_800_000L);
    }
}
