package io.helklab.junit;

import io.helklab.config.Component;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads and links, on one background thread, the classes Elasticsearch's start is about to need, so
 * that the start's own threads find most of them ready. A fixture start spends long single-threaded
 * stretches (logging's set-up, Elasticsearch's node construction) while the second core waits; this
 * thread does the class-file parsing and bytecode verification of what comes next in that time.
 *
 * <p>The list is a resource, {@value #RESOURCE}: one class per line, in the order an
 * Elasticsearch-only fixture start loaded them, recorded by {@code FixtureClassListRecorder} in this
 * module's tests. Only Elasticsearch's classes are preloaded: preloading Kafka's as well
 * makes a default start no faster, because Kafka's start keeps the second core busy itself; for the
 * same reason nothing is preloaded when Spark starts too. A class
 * that cannot be found (another JDK, another dependency version) is skipped, and so is one that fails
 * to link; its failure comes again, where it belongs, when the start itself uses the class. Nothing is
 * initialised: {@link Class#forName(String, boolean, ClassLoader)} with {@code initialize = false}
 * runs no static initialiser.
 *
 * <p>Set {@value #PRELOAD_PROPERTY}{@code =false} to turn it off.
 */
final class ClassPreloader implements AutoCloseable {
    static final String RESOURCE = "fixture-classes.txt";
    static final String PRELOAD_PROPERTY = "helklab.fixture.preload";

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread thread;

    private ClassPreloader(ClassLoader loader) {
        thread = new Thread(() -> run(loader), "helk-lab-fixture-preload");
        thread.setDaemon(true);
    }

    /**
     * Starts preloading when Elasticsearch is among the services and Spark is not, unless turned off. With
     * Spark, Spark's own start is the longest and keeps both cores busy, and preloading makes it slower.
     */
    static ClassPreloader start(Set<Component> components) {
        ClassPreloader preloader = new ClassPreloader(ClassPreloader.class.getClassLoader());
        if (components.contains(Component.ELASTICSEARCH) && !components.contains(Component.SPARK)
                && Boolean.parseBoolean(System.getProperty(PRELOAD_PROPERTY, "true"))) {
            preloader.thread.start();
        }
        return preloader;
    }

    /** The listed classes, in the recorded order. */
    static List<String> classes() {
        List<String> names = new ArrayList<>();
        InputStream resource = ClassPreloader.class.getResourceAsStream(RESOURCE);
        if (resource == null) {
            return names;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("reading the fixture's class list " + RESOURCE, failure);
        }
        return names;
    }

    private void run(ClassLoader loader) {
        for (String name : classes()) {
            if (stopped.get()) {
                return;
            }
            try {
                Class.forName(name, false, loader).getDeclaredConstructors();
            } catch (ClassNotFoundException | LinkageError | SecurityException skipped) {
                // Not on this class path or this JDK, or it does not link: the start will say so if it needs it.
            }
        }
    }

    /** Whether the preloading thread was started (and may still be running). */
    boolean started() {
        return thread.getState() != Thread.State.NEW;
    }

    /** Stops preloading (the start is over); classes already loaded stay loaded. */
    @Override
    public void close() {
        stopped.set(true);
    }
}
