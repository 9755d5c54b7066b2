package io.helklab.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.HelkLab;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every class that asks for the same services gets the one running appliance. */
@HelkLabTest
class SharingIT {
    static final Map<String, HelkLab> SEEN = new ConcurrentHashMap<>();

    @Test
    void twoAnnotatedClassesGetTheSameApplianceAsThisOne(HelkLab outer) {
        SEEN.clear();
        EngineExecutionResults results = SelfTest.run(false, FirstClass.class, SecondClass.class);
        assertThat(SelfTest.failures(results)).isEmpty();
        results.testEvents().assertStatistics(statistics -> statistics.started(2).succeeded(2));
        assertThat(SEEN.get(FirstClass.class.getSimpleName())).isNotNull().isSameAs(SEEN.get(SecondClass.class.getSimpleName()))
                .isSameAs(outer);
    }

    @HelkLabTest
    @ExtendWith(SelfTest.Only.class)
    static class FirstClass {
        @Test
        void recordsItsAppliance(HelkLab lab) {
            SEEN.put(getClass().getSimpleName(), lab);
        }
    }

    /** Settings that do not change the appliance's services still share it. */
    @HelkLabTest(services = {FixtureService.INDEXER}, keepWorkDirectoryOnFailure = true, startupTimeoutSeconds = 30)
    @ExtendWith(SelfTest.Only.class)
    static class SecondClass {
        @Test
        void recordsItsAppliance(HelkLab lab) {
            SEEN.put(getClass().getSimpleName(), lab);
        }
    }
}
