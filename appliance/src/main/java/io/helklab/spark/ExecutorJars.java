package io.helklab.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The jars a cluster's executors need beyond a Spark distribution: HELK lab's own classes, the ES-Spark connector,
 * GraphFrames and Spark's Kafka source with its client.
 *
 * <p>Each is found where this JVM loaded it from. Run from the shaded {@code helk-lab.jar}, that is the jar itself,
 * which then goes to the executors whole: everything the driver can run, they can, with nothing to select and get
 * wrong. Run from class directories (tests, an IDE, the JUnit fixture), every directory on the class path is packed
 * into one jar under the given directory at start, so code compiled a moment ago (test classes and their lambdas
 * included) reaches the executors too. Executors load these jars after the cluster's own Spark, so the cluster's
 * Spark and Scala classes win.
 */
public final class ExecutorJars {
    /** A class of each library the executors run that a Spark distribution does not bring. */
    static final List<String> LIBRARY_CLASSES = List.of(
            "io.helklab.spark.ExecutorJars",
            "io.helklab.samples.SampleCatalog",
            "org.elasticsearch.spark.sql.DefaultSource",
            "org.elasticsearch.hadoop.cfg.Settings",
            "org.graphframes.GraphFrame",
            "org.apache.spark.graphframes.graphx.Edge",
            "org.apache.spark.sql.kafka010.KafkaSourceProvider",
            "org.apache.spark.kafka010.KafkaTokenUtil",
            "org.apache.kafka.clients.consumer.KafkaConsumer",
            "org.apache.commons.pool2.impl.GenericKeyedObjectPool");
    static final String CLASSES_JAR = "helk-lab-classes.jar";

    private ExecutorJars() {}

    /**
     * The class path entries to ship: where each library class was loaded from, plus every class directory on
     * {@code java.class.path}. A library missing from this JVM is left out (nothing can call it).
     */
    public static Set<Path> sources() {
        Set<Path> sources = new LinkedHashSet<>();
        for (String className : LIBRARY_CLASSES) {
            location(className).ifPresent(sources::add);
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isDirectory(Path.of(entry))) {
                sources.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return sources;
    }

    /**
     * The jars for {@code spark.jars}: the jar sources as they are, the directory sources packed into one jar
     * written to {@code jarDirectory} (replaced on every start).
     */
    public static List<Path> prepare(Path jarDirectory) throws IOException {
        List<Path> jars = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        for (Path source : sources()) {
            (Files.isDirectory(source) ? directories : jars).add(source);
        }
        if (!directories.isEmpty()) {
            jars.add(0, pack(directories, Files.createDirectories(jarDirectory).resolve(CLASSES_JAR)));
        }
        return List.copyOf(jars);
    }

    private static Optional<Path> location(String className) {
        try {
            Class<?> loaded = Class.forName(className, false, ExecutorJars.class.getClassLoader());
            CodeSource source = loaded.getProtectionDomain().getCodeSource();
            URL url = source == null ? null : source.getLocation();
            return url == null || !"file".equals(url.getProtocol()) ? Optional.empty()
                    : Optional.of(Path.of(url.toURI()).toAbsolutePath().normalize());
        } catch (ClassNotFoundException | LinkageError | URISyntaxException absent) {
            return Optional.empty();
        }
    }

    /** Packs the directories into one jar; an entry in an earlier directory hides the same entry in a later one. */
    private static Path pack(List<Path> directories, Path jar) throws IOException {
        Path partial = jar.resolveSibling(jar.getFileName() + ".partial");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Set<String> written = new HashSet<>();
        written.add("META-INF/MANIFEST.MF");
        try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Path directory : directories) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(directory)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path path : files) {
                    String name = directory.relativize(path).toString().replace(File.separatorChar, '/');
                    if (written.add(name)) {
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(path, out);
                        out.closeEntry();
                    }
                }
            }
        }
        return Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
