package io.helklab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationClassPathTest {

    @TempDir
    Path directory;

    @Test
    void includesTheCodeSourcesOfClassesCellsMustSee() throws Exception {
        Path kernelClasses = Path.of(KernelGateway.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path sparkJar = Path.of(org.apache.spark.sql.SparkSession.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI());
        List<String> entries = ApplicationClassPath.entries(List.of(KernelGateway.class,
                org.apache.spark.sql.SparkSession.class, String.class));
        assertThat(entries).contains(kernelClasses.toString(), sparkJar.toString()).doesNotHaveDuplicates();
    }

    @Test
    void followsManifestClassPathsLikeSurefiresBooterJar() throws IOException {
        Path library = Files.createDirectories(directory.resolve("lib with space"));
        Path dependency = Files.createFile(library.resolve("dependency.jar"));
        Path absolute = Files.createDirectories(directory.resolve("classes"));
        Path booter = directory.resolve("booter.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                "lib%20with%20space/dependency.jar " + absolute.toUri() + " missing.jar");
        try (OutputStream output = Files.newOutputStream(booter); JarOutputStream jar = new JarOutputStream(output, manifest)) {
            jar.flush();
        }
        String previous = System.getProperty("java.class.path");
        System.setProperty("java.class.path", booter.toString());
        try {
            assertThat(ApplicationClassPath.entries(List.of()))
                    .containsExactly(booter.toString(), dependency.toString(), absolute.toString());
        } finally {
            System.setProperty("java.class.path", previous);
        }
    }
}
