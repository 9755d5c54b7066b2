package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void everythingUpAndWellIsGreen() {
        assertThat(HealthReport.of(Map.of("elasticsearch", new ServiceHealth(ServiceStatus.UP, "127.0.0.1:9200",
                Map.of("cluster", "green")))).status()).isEqualTo("green");
    }

    @Test
    void aServiceThatIsUpButSaysWhyItIsNotWellMakesTheApplianceYellow() {
        HealthReport report = HealthReport.of(Map.of("elasticsearch", new ServiceHealth(ServiceStatus.UP,
                "127.0.0.1:9200", Map.of("cluster", "yellow", ServiceHealth.DEGRADED, "1 unassigned shards in x"))));

        assertThat(report.status()).isEqualTo("yellow");
        assertThat(report.toJson(report.services().keySet()).toString()).contains("1 unassigned shards in x");
    }
}
