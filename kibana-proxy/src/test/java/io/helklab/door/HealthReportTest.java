package io.helklab.door;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void everythingUpAndWellIsGreen() {
        assertThat(HealthReport.of(Map.of("elasticsearch", new ServiceHealth(ServiceStatus.UP, "127.0.0.1:9200",
                Map.of("cluster", "green"))), Set.of()).status()).isEqualTo("green");
    }

    @Test
    void aServiceThatIsUpButSaysWhyItIsNotWellMakesTheApplianceYellow() {
        HealthReport report = HealthReport.of(Map.of("elasticsearch", new ServiceHealth(ServiceStatus.UP,
                "127.0.0.1:9200", Map.of("cluster", "yellow", ServiceHealth.DEGRADED, "1 unassigned shards in x"))), Set.of());

        assertThat(report.status()).isEqualTo("yellow");
        assertThat(report.toJson(report.services().keySet()).toString()).contains("1 unassigned shards in x");
    }

    @Test
    void aDownServiceMakesTheApplianceRedUnlessTheGroupCallsItOptional() {
        Map<String, ServiceHealth> services = Map.of("elasticsearch", ServiceHealth.of(ServiceStatus.UP, "127.0.0.1:9200"),
                "jupyter", ServiceHealth.of(ServiceStatus.DOWN, null));

        assertThat(HealthReport.of(services, Set.of("jupyter")).status()).isEqualTo("yellow");
        assertThat(HealthReport.of(services, Set.of()).status()).isEqualTo("red");
    }
}
