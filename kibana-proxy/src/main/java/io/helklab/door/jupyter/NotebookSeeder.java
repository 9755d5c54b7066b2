package io.helklab.door.jupyter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the bundled notebooks into the user's notebook directory without ever overwriting a
 * user's edits.
 *
 * <p>A manifest ({@code .helk-lab-seeded.json}, hidden from Jupyter's file list) records the
 * SHA-256 of every copy it wrote. On each boot a bundled notebook is written when the user has no
 * file of that name (deleting a copy is how one gets a fresh one), replaced when the user's file
 * is exactly what an earlier version seeded (so unmodified copies follow upgrades), and otherwise
 * left alone. Not thread-safe; call once per boot before Jupyter starts.
 */
public final class NotebookSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(NotebookSeeder.class);
    /** Where bundled notebooks live on the classpath. */
    public static final String RESOURCE_DIRECTORY = "io/helklab/notebooks";
    static final String MANIFEST = ".helk-lab-seeded.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What happened to one bundled notebook. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED, KEPT_USER_COPY }

    private final Path target;
    private final Map<String, byte[]> bundled;

    /** @param bundled notebook file name → content */
    public NotebookSeeder(Path target, Map<String, byte[]> bundled) {
        this.target = target;
        this.bundled = new TreeMap<>(bundled);
    }

    /** A seeder for the notebooks bundled under {@link #RESOURCE_DIRECTORY} on this class loader. */
    public static NotebookSeeder fromClasspath(Path target, ClassLoader loader) throws IOException {
        return new NotebookSeeder(target, BundledNotebooks.read(loader, RESOURCE_DIRECTORY));
    }

    /** Seeds the directory; returns the outcome per notebook name. */
    public Map<String, Outcome> seed() throws IOException {
        Files.createDirectories(target);
        Path manifestFile = target.resolve(MANIFEST);
        Map<String, String> manifest = readManifest(manifestFile);
        Map<String, Outcome> outcomes = new TreeMap<>();
        for (Map.Entry<String, byte[]> notebook : bundled.entrySet()) {
            String name = notebook.getKey();
            String bundledHash = sha256(notebook.getValue());
            Path file = target.resolve(name);
            Outcome outcome;
            if (!Files.exists(file)) {
                write(file, notebook.getValue());
                outcome = Outcome.CREATED;
            } else {
                String currentHash = sha256(Files.readAllBytes(file));
                if (currentHash.equals(bundledHash)) {
                    outcome = Outcome.UNCHANGED;
                } else if (currentHash.equals(manifest.get(name))) {
                    write(file, notebook.getValue());
                    outcome = Outcome.UPDATED;
                } else {
                    LOG.info("Kept your edited {}; the bundled version differs (delete your copy to get it)", file);
                    outcome = Outcome.KEPT_USER_COPY;
                }
            }
            if (outcome != Outcome.KEPT_USER_COPY) {
                manifest.put(name, bundledHash);
            }
            outcomes.put(name, outcome);
        }
        if (!bundled.isEmpty()) {
            Path temporary = manifestFile.resolveSibling(MANIFEST + ".tmp");
            JSON.writeValue(temporary.toFile(), manifest);
            Files.move(temporary, manifestFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        LOG.info("Notebooks in {}: {}", target, outcomes);
        return outcomes;
    }

    private static Map<String, String> readManifest(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
        } catch (IOException unreadable) {
            // Without the manifest every differing copy counts as edited: nothing of the user's is lost.
            LOG.warn("Ignoring the unreadable notebook manifest {}: {}", file, unreadable.getMessage());
            return new TreeMap<>();
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".helk-lab.tmp");
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Reads {@code *.ipynb} resources of one classpath directory, from directories and jars alike. */
    static final class BundledNotebooks {
        private BundledNotebooks() {}

        static Map<String, byte[]> read(ClassLoader loader, String directory) throws IOException {
            Map<String, byte[]> notebooks = new TreeMap<>();
            for (URL url : Collections.list(loader.getResources(directory))) {
                for (String name : list(url, directory)) {
                    try (InputStream in = loader.getResourceAsStream(directory + "/" + name)) {
                        if (in != null) {
                            notebooks.putIfAbsent(name, in.readAllBytes());
                        }
                    }
                }
            }
            return notebooks;
        }

        private static List<String> list(URL url, String directory) throws IOException {
            List<String> names = new ArrayList<>();
            if (url.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.map(file -> file.getFileName().toString()).filter(NotebookSeeder::isNotebook).forEach(names::add);
                } catch (URISyntaxException bad) {
                    throw new IOException("cannot list " + url, bad);
                }
            } else if (url.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = directory + "/";
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String rest = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length()) : "";
                        if (!rest.contains("/") && isNotebook(rest)) {
                            names.add(rest);
                        }
                    }
                }
            }
            return names;
        }
    }

    private static boolean isNotebook(String name) {
        return name.endsWith(".ipynb") && !name.startsWith(".");
    }
}
