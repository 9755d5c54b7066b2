package io.helklab.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.helklab.config.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The work directory's fate at the end of a run. A ZooKeeper-only fixture is enough (and quick);
 * it runs beside whatever appliance this JVM already has.
 */
class WorkDirectoryIT {

    @Test
    void aSuccessfulRunRemovesTheWorkDirectory() {
        HelkLabFixture fixture = HelkLabFixture.start(zooKeeperOnly(true));
        Path directory = fixture.workDirectory();
        assertThat(directory.resolve("data/zookeeper")).isDirectory();
        fixture.close();
        assertThat(directory).doesNotExist();
    }

    @Test
    void aFailedRunKeepsTheWorkDirectoryWithTheApplianceLogWhenAskedTo() throws Exception {
        HelkLabFixture fixture = HelkLabFixture.start(zooKeeperOnly(true));
        Path directory = fixture.workDirectory();
        fixture.markFailed();
        fixture.close();
        try {
            assertThat(directory.resolve("logs/helk-lab.log")).isRegularFile();
            assertThat(Files.readString(directory.resolve("logs/helk-lab.log"))).contains("zookeeper is up at 127.0.0.1:");
        } finally {
            HelkLabFixture.deleteQuietly(directory);
        }
    }

    @Test
    void aFailedRunRemovesTheWorkDirectoryUnlessAskedToKeepIt() {
        assumeFalse(Boolean.getBoolean("helklab.keep"), "-Dhelklab.keep=true keeps every failed run's directory");
        HelkLabFixture fixture = HelkLabFixture.start(zooKeeperOnly(false));
        Path directory = fixture.workDirectory();
        fixture.markFailed();
        fixture.close();
        assertThat(directory).doesNotExist();
    }

    private static FixtureSettings zooKeeperOnly(boolean keep) {
        return new FixtureSettings(Set.of(Component.ZOOKEEPER), List.of(), Duration.ofMinutes(2), keep,
                WorkDirectoryIT.class.getName());
    }
}
