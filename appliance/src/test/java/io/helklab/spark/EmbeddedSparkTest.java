package io.helklab.spark;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helklab.config.SparkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a service waiting for Spark's session (the streams) sees when Spark does not get that far. */
class EmbeddedSparkTest {

    @TempDir
    Path home;

    @Test
    void aFailedStartReachesWhoeverWaitsForTheSession() throws Exception {
        Path notADirectory = Files.writeString(home.resolve("spark"), "a file where Spark's data directory goes");
        EmbeddedSpark spark = new EmbeddedSpark(SparkConfig.defaults(), notADirectory);
        assertThatThrownBy(spark::start).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> spark.awaitSession(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Spark failed to start: ")
                .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void aStoppedSparkIsReportedToWhoeverWaitsForTheSession() {
        EmbeddedSpark spark = new EmbeddedSpark(SparkConfig.defaults(), home.resolve("spark"));
        spark.close();
        assertThatThrownBy(() -> spark.awaitSession(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Spark was stopped while starting");
    }
}
