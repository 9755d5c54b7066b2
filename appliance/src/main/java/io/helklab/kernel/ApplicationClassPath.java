package io.helklab.kernel;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class path JShell compiles notebook cells against.
 *
 * <p>JShell's compiler starts from {@code java.class.path}, which is enough for
 * {@code java -jar helk-lab.jar} but not under Surefire/Failsafe, whose class path is one booter jar
 * that lists the real entries in its manifest's {@code Class-Path}. This class expands manifest
 * class paths (as URLs relative to their jar, the way the JVM reads them) and adds the code sources
 * of classes the cells must see (the kernel's own and those of bound objects), so it works in both.
 */
final class ApplicationClassPath {

    private static final Logger LOGGER = LoggerFactory.getLogger(ApplicationClassPath.class);

    private ApplicationClassPath() {
    }

    /** The entries, de-duplicated, in class path order; only those that exist. */
    static List<String> entries(Collection<Class<?>> classesCellsMustSee) {
        Set<Path> result = new LinkedHashSet<>();
        Deque<Path> pending = new ArrayDeque<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                pending.add(Paths.get(entry).toAbsolutePath().normalize());
            }
        }
        for (Class<?> type : classesCellsMustSee) {
            Path source = codeSource(type);
            if (source != null) {
                pending.add(source);
            }
        }
        while (!pending.isEmpty()) {
            Path entry = pending.removeFirst();
            if (!Files.exists(entry) || !result.add(entry)) {
                continue;
            }
            if (Files.isRegularFile(entry)) {
                pending.addAll(manifestClassPath(entry));
            }
        }
        return result.stream().map(Path::toString).toList();
    }

    private static Path codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null; // a JDK class: always visible to the compiler
        }
        try {
            return Paths.get(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            LOGGER.debug("Code source {} of {} is not a file; cells cannot compile against it",
                    source.getLocation(), type.getName());
            return null;
        }
    }

    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null
                    : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            URI base = jar.toUri();
            return Arrays.stream(classPath.trim().split("\\s+"))
                    .map(reference -> resolve(base, reference))
                    .filter(Objects::nonNull)
                    .toList();
        } catch (IOException unreadable) {
            LOGGER.debug("Could not read the manifest of {}: {}", jar, unreadable.toString());
            return List.of();
        }
    }

    private static Path resolve(URI base, String reference) {
        try {
            URI resolved = base.resolve(reference);
            return "file".equals(resolved.getScheme()) ? Paths.get(resolved).toAbsolutePath().normalize() : null;
        } catch (IllegalArgumentException | FileSystemNotFoundException invalid) {
            LOGGER.debug("Ignoring manifest Class-Path entry {} of {}: {}", reference, base, invalid.toString());
            return null;
        }
    }
}
