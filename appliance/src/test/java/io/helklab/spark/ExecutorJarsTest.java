package io.helklab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorJarsTest {

    @Test
    void theLibrariesAndEveryClassDirectoryAreShipped() {
        Set<Path> sources = ExecutorJars.sources();
        assertThat(sources).anyMatch(path -> path.getFileName().toString().startsWith("elasticsearch-spark-30"))
                .anyMatch(path -> path.getFileName().toString().startsWith("graphframes-spark3"))
                .anyMatch(path -> path.getFileName().toString().startsWith("graphframes-graphx-spark3"))
                .anyMatch(path -> path.getFileName().toString().startsWith("spark-sql-kafka"))
                .anyMatch(path -> path.getFileName().toString().startsWith("kafka-clients"))
                .anyMatch(path -> path.endsWith("test-classes"))
                .noneMatch(path -> path.getFileName().toString().startsWith("spark-core"));
    }

    @Test
    void classDirectoriesArePackedIntoOneJar(@TempDir Path directory) throws Exception {
        List<Path> jars = ExecutorJars.prepare(directory);
        assertThat(jars.get(0)).isEqualTo(directory.resolve(ExecutorJars.CLASSES_JAR));
        try (JarFile classes = new JarFile(jars.get(0).toFile())) {
            assertThat(classes.getEntry("io/helklab/spark/ExecutorJars.class")).as("main classes").isNotNull();
            assertThat(classes.getEntry("io/helklab/spark/ExecutorJarsTest.class")).as("test classes").isNotNull();
        }
        assertThat(jars.subList(1, jars.size())).allMatch(Files::isRegularFile)
                .allMatch(path -> path.toString().endsWith(".jar"));
        // A second start replaces the jar rather than failing on it.
        assertThat(ExecutorJars.prepare(directory)).isEqualTo(jars);
    }
}
