package io.helklab.junit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The fixture's appliance log: a log4j2 file appender added at run time to the test JVM's logging
 * configuration, so that whatever the project's own log4j2 setup is, {@code <workdir>/logs/helk-lab.log}
 * receives our INFO and the WARN and above of Elasticsearch, Kafka and ZooKeeper. A failed test
 * gets the tail of that file.
 *
 * <p>The appender sees the whole JVM's events of those loggers, not only this appliance's; a test JVM
 * holds one appliance, so that is the same thing. {@link #close()} removes everything it added.
 * When log4j2 is not the logging backend the file stays empty and {@link #tail} says so.
 */
final class ApplianceLog implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Map<String, Level> CAPTURED = capturedLoggers();

    private final Path file;
    private final LoggerContext context;
    private final FileAppender appender;
    private final List<String> configured = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    private ApplianceLog(Path file, LoggerContext context, FileAppender appender) {
        this.file = file;
        this.context = context;
        this.appender = appender;
    }

    private static Map<String, Level> capturedLoggers() {
        Map<String, Level> loggers = new LinkedHashMap<>();
        loggers.put("io.helklab", Level.INFO);
        loggers.put("org.elasticsearch", Level.WARN);
        loggers.put("org.apache.kafka", Level.WARN);
        loggers.put("kafka", Level.WARN);
        loggers.put("org.apache.zookeeper", Level.WARN);
        return loggers;
    }

    /** Starts writing the captured loggers to {@code file}. */
    static ApplianceLog attach(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "", StandardCharsets.UTF_8);
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return new ApplianceLog(file, null, null);
        }
        Configuration configuration = context.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder()
                .withPattern("%d{ISO8601} %-5level [%t] %c - %msg%n%throwable")
                .withConfiguration(configuration)
                .build();
        FileAppender appender = FileAppender.newBuilder()
                .setName("helk-lab-fixture-" + SEQUENCE.incrementAndGet())
                .withFileName(file.toString())
                .withAppend(true)
                .withImmediateFlush(true)
                .setLayout(layout)
                .setConfiguration(configuration)
                .build();
        appender.start();
        ApplianceLog log = new ApplianceLog(file, context, appender);
        synchronized (context) {
            configuration.addAppender(appender);
            CAPTURED.forEach((name, level) -> log.route(configuration, name, level));
            context.updateLoggers();
        }
        return log;
    }

    private void route(Configuration configuration, String name, Level threshold) {
        LoggerConfig nearest = configuration.getLoggerConfig(name);
        LoggerConfig target = nearest;
        if (!nearest.getName().equals(name)) {
            // A logger of our own with the inherited level and additivity changes nothing for the project's appenders.
            target = LoggerConfig.newBuilder().withLoggerName(name).withLevel(nearest.getLevel())
                    .withAdditivity(true).withConfig(configuration).build();
            configuration.addLogger(name, target);
            created.add(name);
        }
        target.addAppender(appender, threshold, null);
        configured.add(name);
    }

    Path file() {
        return file;
    }

    /** The last {@code maxLines} lines (at most 32 KB), or a note when nothing was logged. */
    String tail(int maxLines) {
        if (appender == null) {
            return "(no appliance log: log4j2 is not this JVM's logging backend, so " + file + " stays empty)";
        }
        try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
            long length = reader.length();
            int window = (int) Math.min(length, 32 * 1024);
            byte[] bytes = new byte[window];
            reader.seek(length - window);
            reader.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (window < length && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size());
            }
            List<String> last = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            return last.isEmpty() ? "(" + file + " is empty)" : String.join(System.lineSeparator(), last);
        } catch (IOException unreadable) {
            return "(could not read " + file + ": " + unreadable + ")";
        }
    }

    @Override
    public void close() {
        if (appender == null) {
            return;
        }
        synchronized (context) {
            Configuration configuration = context.getConfiguration();
            for (String name : configured) {
                configuration.getLoggerConfig(name).removeAppender(appender.getName());
            }
            for (String name : created) {
                configuration.removeLogger(name);
            }
            if (configuration instanceof AbstractConfiguration withRemoval) {
                withRemoval.removeAppender(appender.getName());
            }
            context.updateLoggers();
        }
        appender.stop();
    }
}
