package io.helklab.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Deliberately failing classes, run through EngineTestKit: what their users read. */
@HelkLabTest
class FailureMessagesIT {

    @Test
    void otherServicesInTheSameJvmFailFastAndExplainHowToSplitTheRun() {
        List<Throwable> failures = SelfTest.failures(SelfTest.run(false, ElasticsearchOnly.class));
        assertThat(failures).singleElement().isInstanceOf(ExtensionConfigurationException.class).satisfies(failure ->
                assertThat(failure.getMessage())
                        .contains(ElasticsearchOnly.class.getName() + " asks for services [ELASTICSEARCH]")
                        .contains("already runs a HELK lab appliance with services [ELASTICSEARCH, INDEXER, KAFKA]")
                        .contains("differ in [INDEXER, KAFKA] (only in the running appliance)")
                        .contains("Spark allows one context per JVM")
                        .contains("<execution>", "<forkCount>1</forkCount>", "<reuseForks>false</reuseForks>"));
    }

    @Test
    void waitingForDocumentsThatNeverComeSaysHowManyArrivedAndAttachesTheLog() {
        EngineExecutionResults results = SelfTest.run(false, TooFewDocuments.class);
        List<Throwable> failures = SelfTest.failures(results);
        assertThat(failures).singleElement().isInstanceOf(AssertionError.class).satisfies(failure -> {
            assertThat(failure.getMessage())
                    .containsPattern("Expected 2 documents in namespace waitsforasecondevent-\\d+ within 2000 ms, but 1 arrived")
                    .containsPattern("\\{waitsforasecondevent-\\d+\\.logs-endpoint-winevent-security-2024\\.03\\.01=1\\}")
                    .contains("1 record(s) - fewer than expected")
                    .contains("Indexer: {consumed=", "lag=");
            assertThat(failure.getSuppressed()).singleElement().satisfies(log -> assertThat(log.getMessage())
                    .startsWith("Last lines of the HELK lab appliance log ").contains("helk-lab.log")
                    .contains("Indexer consumes"));
        });
        List<ReportEntry> entries = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class)).toList();
        assertThat(entries).singleElement().satisfies(entry ->
                assertThat(entry.getKeyValuePairs().get("helk-lab.log")).contains("Indexer consumes"));
    }

    @Test
    void anUnknownSampleNameListsTheValidOnes() {
        assertThat(SelfTest.failures(SelfTest.run(false, UnknownSample.class))).singleElement()
                .isInstanceOf(ExtensionConfigurationException.class).satisfies(failure -> assertThat(failure.getMessage())
                        .contains("@HelkLabTest(samples = \"lsass-dump\") on " + UnknownSample.class.getName())
                        .contains("No sample scenario named 'lsass-dump'")
                        .contains("lsass-credential-dumping", "periodic-beaconing", "or \"all\""));
    }

    @HelkLabTest(services = FixtureService.ELASTICSEARCH)
    @ExtendWith(SelfTest.Only.class)
    static class ElasticsearchOnly {
        @Test
        void neverRuns() {
            throw new AssertionError("must not run: the class should have failed before");
        }
    }

    @HelkLabTest
    @ExtendWith(SelfTest.Only.class)
    static class TooFewDocuments {
        @Test
        void waitsForASecondEvent(HuntNamespace hunt) {
            hunt.send("{\"EventID\":4624,\"Channel\":\"Security\",\"TimeCreated\":\"2024-03-01T10:00:00Z\",\"Hostname\":\"dc01\"}");
            hunt.awaitDocuments(2, Duration.ofSeconds(2));
        }
    }

    @HelkLabTest(samples = "lsass-dump")
    @ExtendWith(SelfTest.Only.class)
    static class UnknownSample {
        @Test
        void neverRuns() {
            throw new AssertionError("must not run: the class should have failed before");
        }
    }
}
