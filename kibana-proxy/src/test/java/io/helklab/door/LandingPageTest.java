package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LandingPageTest {
    private static HealthReport report() {
        Map<String, ServiceHealth> services = new LinkedHashMap<>();
        services.put("elasticsearch", ServiceHealth.of(ServiceStatus.UP, "127.0.0.1:9200"));
        services.put("jupyter", ServiceHealth.of(ServiceStatus.UP, "127.0.0.1:41000"));
        services.put("kibana", new ServiceHealth(ServiceStatus.NOT_INSTALLED, null, Map.of("install", "get <Kibana> & pass --kibana-home")));
        return HealthReport.of(services, Set.of("jupyter", "kibana"));
    }

    @Test
    void listsEveryServiceWithStatusAddressAndLink() {
        String html = LandingPage.render(report(), LandingInfo.empty());

        assertThat(html).contains("Elasticsearch").contains("<code>127.0.0.1:9200</code>")
                .contains("<a href=\"/jupyter/\">Open Jupyter Notebook</a>")
                .contains("class=\"status not-installed\">not installed")
                .doesNotContain("href=\"/kibana/\"");
        assertThat(html.indexOf("Elasticsearch")).isLessThan(html.indexOf("Jupyter Notebook"));
    }

    @Test
    void escapesEverythingItDidNotWriteItself() {
        LandingInfo info = new LandingInfo("lab.example:9092", "winlogbeat", false,
                () -> List.of("<script>alert(1)</script>"));

        String html = LandingPage.render(report(), info);

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("get &lt;Kibana&gt; &amp; pass --kibana-home");
    }

    @Test
    void showsAWinlogbeatKafkaOutputForTheAdvertisedAddress() {
        String html = LandingPage.render(report(), new LandingInfo("10.0.0.5:9092", "winlogbeat", true, List::of));

        assertThat(html).contains("output.kafka:").contains("hosts: [&quot;10.0.0.5:9092&quot;]")
                .contains("topic: &quot;winlogbeat&quot;").contains("username: &quot;helk&quot;")
                .contains("No sample scenarios");
    }

    @Test
    void withoutKafkaSaysThereIsNowhereToSendEvents() {
        assertThat(LandingPage.render(report(), LandingInfo.empty())).contains("Kafka is not running").doesNotContain("output.kafka");
    }

    @Test
    void theSnippetIsPlainYaml() {
        assertThat(new LandingInfo("10.0.0.5:9092", "winlogbeat", false, List::of).winlogbeatSnippet()).isEqualTo("""
                output.kafka:
                  hosts: ["10.0.0.5:9092"]
                  topic: "winlogbeat"
                  required_acks: 1
                """);
    }
}
