package io.helklab.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Tests running at the same time send the same events into their own namespaces and see only their own. */
@HelkLabTest
class NamespaceIsolationIT {
    static final Map<String, List<String>> IDS = new ConcurrentHashMap<>();
    static final Map<String, String> NAMESPACES = new ConcurrentHashMap<>();

    @Test
    void twoConcurrentTestsWithTheSameEventsSeeOnlyTheirOwn() {
        IDS.clear();
        EngineExecutionResults results = SelfTest.run(true, TwoHunters.class);
        assertThat(SelfTest.failures(results)).isEmpty();
        results.testEvents().assertStatistics(statistics -> statistics.started(2).succeeded(2));
        assertThat(NAMESPACES.get("first")).isNotEqualTo(NAMESPACES.get("second"));
        // The same records make the same document ids, in two places.
        assertThat(IDS.get("first")).hasSize(3).isEqualTo(IDS.get("second"));
    }

    @HelkLabTest
    @Execution(ExecutionMode.CONCURRENT)
    @ExtendWith(SelfTest.Only.class)
    static class TwoHunters {
        private static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);
        private static final List<String> SAME_EVENTS = List.of(
                "{\"EventID\":4624,\"Channel\":\"Security\",\"TimeCreated\":\"2024-03-01T10:00:00Z\",\"Hostname\":\"dc01\",\"TargetUserName\":\"alice\"}",
                "{\"EventID\":4624,\"Channel\":\"Security\",\"TimeCreated\":\"2024-03-01T10:01:00Z\",\"Hostname\":\"dc01\",\"TargetUserName\":\"bob\"}",
                "{\"EventID\":4625,\"Channel\":\"Security\",\"TimeCreated\":\"2024-03-01T10:02:00Z\",\"Hostname\":\"dc01\",\"TargetUserName\":\"eve\"}");

        @Test
        void first(HuntNamespace hunt) throws Exception {
            hunt("first", hunt);
        }

        @Test
        void second(HuntNamespace hunt) throws Exception {
            hunt("second", hunt);
        }

        private static void hunt(String who, HuntNamespace hunt) throws Exception {
            // Both tests must be running at once, or this times out: the isolation below is under real concurrency.
            BOTH_RUNNING.await(60, TimeUnit.SECONDS);
            hunt.send(SAME_EVENTS);
            hunt.awaitDocuments(SAME_EVENTS.size());
            BOTH_RUNNING.await(60, TimeUnit.SECONDS);
            assertThat(hunt.count("*")).isEqualTo(SAME_EVENTS.size());
            List<Map<String, Object>> hits = hunt.search("event_id:4624 OR event_id:4625");
            assertThat(hits).allSatisfy(hit -> assertThat((String) hit.get("_index")).startsWith(hunt.name() + "."));
            IDS.put(who, hits.stream().map(hit -> (String) hit.get("_id")).sorted().toList());
            NAMESPACES.put(who, hunt.name());
        }
    }
}
