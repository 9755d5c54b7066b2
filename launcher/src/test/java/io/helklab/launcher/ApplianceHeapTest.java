package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplianceHeapTest {

    @Test
    void theApplianceGetsALaptopSizedHeapByDefault() {
        assertThat(ApplianceHeap.flags(List.of("-Dfoo=bar"), Map.of())).containsExactly("-Xmx3g");
    }

    @Test
    void theEnvironmentVariableSetsAnotherSize() {
        assertThat(ApplianceHeap.flags(List.of(), Map.of("HELK_LAB_HEAP", "5g"))).containsExactly("-Xmx5g");
        assertThatThrownBy(() -> ApplianceHeap.flags(List.of(), Map.of("HELK_LAB_HEAP", "lots")))
                .hasMessageContaining("HELK_LAB_HEAP=lots").hasMessageContaining("4g");
    }

    @Test
    void aHeapTheUserChoseWins() {
        for (String own : List.of("-Xmx6g", "-XX:MaxHeapSize=1g", "-XX:MaxRAMPercentage=50")) {
            assertThat(ApplianceHeap.flags(List.of(own), Map.of("HELK_LAB_HEAP", "5g"))).as(own).isEmpty();
        }
        assertThat(ApplianceHeap.flags(List.of(), Map.of("JDK_JAVA_OPTIONS", "-Dx=y -Xmx2g"))).isEmpty();
    }
}
