package io.helklab.detection.live;

import io.helklab.config.DetectionConfig;
import io.helklab.detection.DetectionEngine;
import io.helklab.detection.DetectionRule;
import io.helklab.detection.RuleLevel;
import io.helklab.detection.RuleLoadOptions;
import io.helklab.detection.RuleLoader;
import io.helklab.detection.RuleReport;
import io.helklab.detection.RuleSet;
import io.helklab.detection.RuleStatus;
import io.helklab.detection.correlation.CorrelationRule;
import io.helklab.detection.ioc.IocList;
import io.helklab.ingest.normalize.NormalizedEvent;
import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection service (name {@value #NAME}): loads Sigma rules from {@code --rules} directories,
 * {@code <home>/rules} and the built-in pack, and IOC lists from {@code --ioc} files, and hands the indexer an
 * {@link Inspection} that matches every event against them as it streams in.
 *
 * <p>Sources are checked for changes every {@link DetectionConfig#reloadInterval()} (a fingerprint of every rule
 * file's path, size and modification time); a change loads every source again and swaps the whole set at once, so
 * a new rule takes effect and a deleted one stops matching within seconds, without a restart. A reload never fails
 * the service: bad rules become statuses, unreadable files and IOC lists are reported. Hit counts survive reloads
 * (by rule id). Thread-safe.
 */
public final class DetectionService implements Service {
    public static final String NAME = "detection";
    private static final Logger LOG = LoggerFactory.getLogger(DetectionService.class);

    private final DetectionConfig config;
    private final List<Path> ruleSources;
    private final Path homeRules;
    private final Map<String, Hits> hits = new ConcurrentHashMap<>();
    private final AtomicLong alertFailures = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();
    private volatile LoadedRules current;
    private volatile String fingerprint = "";
    private volatile ServiceStatus status = ServiceStatus.STARTING;
    private ScheduledExecutorService watcher;

    /**
     * @param config    the rule and IOC sources
     * @param homeRules {@code <home>/rules}, created at start when missing
     */
    public DetectionService(DetectionConfig config, Path homeRules) {
        this.config = config;
        List<Path> sources = new ArrayList<>(config.ruleDirectories());
        if (homeRules != null) {
            sources.add(homeRules.toAbsolutePath().normalize());
        }
        this.ruleSources = List.copyOf(sources);
        this.homeRules = homeRules == null ? null : homeRules.toAbsolutePath().normalize();
        this.current = new LoadedRules(new RuleLoader(RuleLoadOptions.defaults()).build(), List.of(), Map.of());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() {
        if (homeRules != null && !Files.exists(homeRules)) {
            try {
                Files.createDirectories(homeRules);
            } catch (IOException unwritable) {
                LOG.warn("could not create the rules directory {}; it is reported as missing", homeRules, unwritable);
            }
        }
        reload();
        watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "helk-detection-reload");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.reloadInterval().toMillis();
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, interval, interval, TimeUnit.MILLISECONDS);
        status = ServiceStatus.UP;
    }

    /** A new per-thread detection for the ingest path. */
    public Inspection inspection() {
        return new Inspection(this);
    }

    LoadedRules current() {
        return current;
    }

    /** The rules as loaded now (for back-tests that want the same options). */
    public RuleSet ruleSet() {
        return current.rules;
    }

    /** The minimum level rules are loaded with, or null. */
    public RuleLevel minimumLevel() {
        return config.minimumLevel();
    }

    /** Loads every source again when any rule file or IOC list changed since the last load. */
    void reloadIfChanged() {
        try {
            String now = RuleFingerprint.of(ruleSources, config.iocFiles());
            if (!now.equals(fingerprint)) {
                reload();
            }
        } catch (RuntimeException | StackOverflowError defect) {
            LOG.warn("checking the rule sources for changes failed; the loaded rules stay in force", defect);
        }
    }

    /** Loads every source now and swaps the result in. */
    public synchronized void reload() {
        String before = RuleFingerprint.of(ruleSources, config.iocFiles());
        RuleLoader loader = new RuleLoader(RuleLoadOptions.defaults().withMinimumLevel(config.minimumLevel()));
        for (Path source : ruleSources) {
            loader.addPath(source);
        }
        if (config.builtInRules()) {
            loader.addBuiltIn();
        }
        RuleSet rules = loader.build();
        List<IocList> lists = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (Path file : config.iocFiles()) {
            try {
                lists.add(IocList.read(file));
            } catch (IOException | RuntimeException unreadable) {
                problems.put(file.toString(), "cannot read the IOC list " + file + " (" + unreadable
                        + "); fix the path or its permissions");
            }
        }
        current = new LoadedRules(rules, lists, problems);
        fingerprint = before;
        reloads.incrementAndGet();
        LOG.info("Detection rules loaded: {} active, {} disabled, {} unsupported, {} in error; {} IOC lists",
                rules.count(RuleStatus.ACTIVE), rules.count(RuleStatus.DISABLED), rules.count(RuleStatus.UNSUPPORTED),
                rules.count(RuleStatus.ERROR), lists.size());
    }

    void hit(String ruleKey, Instant when) {
        hits.computeIfAbsent(ruleKey, unused -> new Hits()).add(when);
    }

    void alertFailed(NormalizedEvent document, Throwable defect) {
        if (alertFailures.incrementAndGet() == 1) {
            LOG.warn("building the alerts of event {} in {} failed; the event is indexed without them (further "
                    + "failures are only counted)", document.id(), document.index(), defect);
        }
    }

    static String iocKey(String listName) {
        return "ioc:" + listName;
    }

    /** Every rule and IOC list with its status, reason and hits, in load order. */
    public List<RuleEntry> rules() {
        LoadedRules loaded = current;
        Map<String, DetectionRule> compiled = new HashMap<>();
        for (DetectionRule rule : loaded.rules.compiledRules()) {
            compiled.put(rule.file() + ":" + rule.line(), rule);
        }
        Map<String, CorrelationRule> correlations = new HashMap<>();
        for (CorrelationRule rule : loaded.rules.correlations()) {
            correlations.put(rule.file() + ":" + rule.line(), rule);
        }
        List<RuleEntry> entries = new ArrayList<>();
        for (RuleReport report : loaded.rules.reports()) {
            String place = report.file() + ":" + report.line();
            entries.add(entry(report, compiled.get(place), correlations.get(place), loaded.engine));
        }
        for (IocList list : loaded.iocLists) {
            Hits counted = hits.get(iocKey(list.name()));
            entries.add(new RuleEntry(iocKey(list.name()), "IOC list " + list.name() + " (" + list.size()
                    + " indicators)", list.name(), 0, RuleLevel.HIGH, RuleStatus.ACTIVE,
                    list.skipped() == 0 ? null : list.skipped() + " cells were no indicator and were skipped",
                    null, List.of(), List.of(), List.of(), null, counted == null ? 0 : counted.count(),
                    counted == null ? null : counted.last()));
        }
        loaded.iocProblems.forEach((file, reason) -> entries.add(new RuleEntry(iocKey(Path.of(file).getFileName()
                .toString()), null, file, 0, null, RuleStatus.ERROR, reason, null, List.of(), List.of(), List.of(),
                null, 0, null)));
        return entries;
    }

    /** How many rules (and IOC lists) have each status. */
    public Map<RuleStatus, Long> counts() {
        Map<RuleStatus, Long> counts = new LinkedHashMap<>();
        for (RuleStatus status : RuleStatus.values()) {
            counts.put(status, 0L);
        }
        for (RuleEntry entry : rules()) {
            counts.merge(entry.status(), 1L, Long::sum);
        }
        return counts;
    }

    private RuleEntry entry(RuleReport report, DetectionRule rule, CorrelationRule correlation, DetectionEngine engine) {
        String key = report.id() != null ? report.id() : report.file() + ":" + report.line();
        Hits counted = hits.get(key);
        RuleStatus status = report.status();
        String reason = report.reason();
        if (rule != null && status == RuleStatus.ACTIVE) {
            DetectionEngine.RuleFailures failures = engine.failuresOf(rule);
            if (failures != null) {
                status = RuleStatus.ERROR;
                reason = "failed on " + failures.count() + " events (first: " + failures.first() + "); it is still "
                        + "evaluated on the others";
            }
        }
        return RuleEntry.of(report, rule, correlation, status, reason, counted == null ? 0 : counted.count(),
                counted == null ? null : counted.last());
    }

    @Override
    public ServiceHealth health() {
        LoadedRules loaded = current;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("active", loaded.rules.count(RuleStatus.ACTIVE));
        details.put("disabled", loaded.rules.count(RuleStatus.DISABLED));
        details.put("unsupported", loaded.rules.count(RuleStatus.UNSUPPORTED));
        details.put("error", loaded.rules.count(RuleStatus.ERROR));
        details.put("ioc_lists", loaded.iocLists.size());
        details.put("hits", hits.values().stream().mapToLong(Hits::count).sum());
        details.put("evaluation_failures", loaded.engine.failures());
        details.put("reloads", reloads.get());
        return new ServiceHealth(status, null, details);
    }

    @Override
    public void close() {
        status = ServiceStatus.DOWN;
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    /** A rule's hit count and last hit. */
    private static final class Hits {
        private final AtomicLong count = new AtomicLong();
        private volatile Instant last;

        void add(Instant when) {
            count.incrementAndGet();
            last = when;
        }

        long count() {
            return count.get();
        }

        Instant last() {
            return last;
        }
    }
}
