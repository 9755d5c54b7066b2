package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.home.HomeLock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the appliance writes (and rolls) helk-lab.log; commands log beside it, cds and help nowhere. */
class LogDestinationTest {

    @Test
    void theApplianceOnAFreeHomeWritesTheAppliancesLog(@TempDir Path home) {
        assertThat(LogDestination.of(new String[] {"--home", home.toString(), "--http-port", "0"}, home))
                .isEqualTo(LogDestination.APPLIANCE);
        assertThat(LogDestination.of(new String[] {}, home)).isEqualTo(LogDestination.APPLIANCE);
    }

    @Test
    void commandsWriteTheCommandLogWhatEverTheirOptions(@TempDir Path home) {
        assertThat(LogDestination.of(new String[] {"samples", "verify", "--home", home.toString()}, home))
                .isEqualTo(LogDestination.COMMAND);
        assertThat(LogDestination.of(new String[] {"--home", "samples", "benchmark", "ingest"}, home))
                .as("a home named like a command is the option's value").isEqualTo(LogDestination.COMMAND);
        assertThat(LogDestination.subcommand(new String[] {"--home", "samples", "--tls", "benchmark"})).isEqualTo("benchmark");
        assertThat(LogDestination.subcommand(new String[] {"--home", "samples", "--http-port=0"})).isNull();
    }

    @Test
    void theClassDataArchiveBuildAndHelpLogNowhere(@TempDir Path home) {
        assertThat(LogDestination.of(new String[] {"cds"}, home)).isEqualTo(LogDestination.NOWHERE);
        assertThat(LogDestination.of(new String[] {"--help"}, home)).isEqualTo(LogDestination.NOWHERE);
        assertThat(LogDestination.of(new String[] {"samples", "--help"}, home)).isEqualTo(LogDestination.COMMAND);
    }

    @Test
    void anApplianceStartedOnAHomeThatIsTakenLeavesTheRunningOnesLogAlone(@TempDir Path home) throws Exception {
        try (HomeLock running = HomeLock.acquire(home)) {
            assertThat(LogDestination.of(new String[] {"--home", home.toString()}, home)).isEqualTo(LogDestination.COMMAND);
        }
    }
}
