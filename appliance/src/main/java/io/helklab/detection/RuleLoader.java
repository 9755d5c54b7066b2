package io.helklab.detection;

import io.helklab.detection.correlation.CorrelationRule;
import io.helklab.detection.sigma.CorrelationCompiler;
import io.helklab.detection.sigma.Placeholders;
import io.helklab.detection.sigma.RuleCompiler;
import io.helklab.detection.sigma.RuleDocuments;
import io.helklab.detection.sigma.RuleProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads Sigma rules from directories, files, text or the built-in pack, and says for every rule whether it is
 * active and, if not, why. Never throws for bad rules or unreadable paths: each becomes a report with status
 * {@link RuleStatus#ERROR} or {@link RuleStatus#UNSUPPORTED}, the reason and the line, and the other rules load.
 *
 * <p>A rule whose Sigma status is {@code deprecated} or {@code unsupported}, or whose level is below the minimum,
 * loads {@link RuleStatus#DISABLED}. A rule id used twice keeps its first rule; the later one is an error.
 * Placeholders for {@code expand} come from a {@code placeholders.yml} in the rule's directory or the nearest
 * directory above it (within the loaded directory). Not thread-safe; use one loader per load.
 */
public final class RuleLoader {

    /** The built-in pack's resource directory, and the index file listing its rule files. */
    public static final String BUILT_IN_DIRECTORY = "/io/helklab/detection/rules/";
    static final String BUILT_IN_INDEX = BUILT_IN_DIRECTORY + "index.txt";
    static final String PLACEHOLDER_FILE = "placeholders.yml";

    private final RuleLoadOptions options;
    private final List<RuleReport> reports = new ArrayList<>();
    private final List<DetectionRule> active = new ArrayList<>();
    private final List<DetectionRule> compiled = new ArrayList<>();
    private final List<CorrelationRule> correlations = new ArrayList<>();
    private final List<RuleReport> correlationReports = new ArrayList<>();
    private final Map<String, String> idOwners = new HashMap<>();
    private final Map<Path, Placeholders> placeholdersByDirectory = new HashMap<>();

    public RuleLoader(RuleLoadOptions options) {
        this.options = options;
    }

    /** Loads every {@code .yml} and {@code .yaml} file under each path (a directory or a single file). */
    public RuleLoader addPaths(List<Path> paths) {
        for (Path path : paths) {
            addPath(path);
        }
        return this;
    }

    public RuleLoader addPath(Path root) {
        if (Files.isRegularFile(root)) {
            addFile(root, root.toAbsolutePath().getParent());
            return this;
        }
        if (!Files.isDirectory(root)) {
            reports.add(problem(root.toString(), RuleProblem.error("rules path missing", "the rules path " + root
                    + " does not exist or is not a directory; check --rules", 0), null));
            return this;
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
                    return !directory.equals(root) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if ((name.endsWith(".yml") || name.endsWith(".yaml")) && !name.equals(PLACEHOLDER_FILE)
                            && !name.startsWith(".")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    reports.add(problem(file.toString(), RuleProblem.error("unreadable path", "cannot read " + file
                            + " (" + failure + "); its rules are not loaded. Fix its permissions", 0), null));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException failure) {
            reports.add(problem(root.toString(), RuleProblem.error("unreadable path", "cannot list " + root + " ("
                    + failure + "); its rules are not loaded", 0), null));
        }
        files.sort(null);
        for (Path file : files) {
            addFile(file, root);
        }
        return this;
    }

    /** Loads the rules shipped with HELK lab. */
    public RuleLoader addBuiltIn() {
        String index = resource(BUILT_IN_INDEX);
        if (index == null) {
            reports.add(problem(BUILT_IN_INDEX, RuleProblem.error("built-in pack missing", "the built-in rule pack "
                    + "index " + BUILT_IN_INDEX + " is not on the class path; the jar is incomplete", 0), null));
            return this;
        }
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                String text = resource(BUILT_IN_DIRECTORY + name);
                String file = "builtin:" + name;
                if (text == null) {
                    reports.add(problem(file, RuleProblem.error("built-in rule missing", "the built-in rule " + name
                            + " is listed but not on the class path", 0), null));
                } else {
                    addText(text, file, Placeholders.NONE);
                }
            }
        }
        return this;
    }

    /** Loads rules from YAML text (a back-test, a notebook cell); {@code file} names it in reports. */
    public RuleLoader addText(String text, String file, Placeholders placeholders) {
        if (text.length() > options.maximumFileBytes()) {
            reports.add(problem(file, tooLarge(file, text.length()), null));
            return this;
        }
        RuleDocuments.read(text, options.maximumFileBytes(), new RuleDocuments.Sink() {
            @Override
            public void document(Node document, int index) {
                addDocument(document, file, placeholders);
            }

            @Override
            public void problem(RuleProblem problem) {
                reports.add(RuleLoader.problem(file, problem, null));
            }
        });
        return this;
    }

    /** The rules loaded so far, with correlation references resolved. */
    public RuleSet build() {
        List<RuleReport> all = new ArrayList<>(reports);
        List<CorrelationRule> resolved = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (DetectionRule rule : compiled) {
            addReference(known, rule.id(), rule.name());
        }
        for (CorrelationRule correlation : correlations) {
            addReference(known, correlation.id(), correlation.name());
        }
        for (int i = 0; i < correlations.size(); i++) {
            CorrelationRule correlation = correlations.get(i);
            RuleReport report = correlationReports.get(i);
            List<String> missing = correlation.rules().stream().filter(reference -> !known.contains(reference)).toList();
            if (!missing.isEmpty() && report.status() == RuleStatus.ACTIVE) {
                report = new RuleReport(report.file(), report.line(), report.id(), report.title(), report.level(),
                        RuleStatus.ERROR, "correlation refers to unknown rules", "the correlation rule (line "
                        + report.line() + ") refers to " + missing + ", which no loaded rule has as id or name");
            } else if (report.status() == RuleStatus.ACTIVE) {
                resolved.add(correlation);
            }
            all.add(report);
        }
        return new RuleSet(all, active, compiled, resolved);
    }

    private static void addReference(Set<String> known, String id, String name) {
        if (id != null) {
            known.add(id);
        }
        if (name != null) {
            known.add(name);
        }
    }

    private void addFile(Path file, Path root) {
        String name = file.toString();
        String text;
        try {
            long size = Files.size(file);
            if (size > options.maximumFileBytes()) {
                reports.add(problem(name, tooLarge(name, size), null));
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            reports.add(problem(name, RuleProblem.error("not UTF-8", name + " is not UTF-8 text; save it as UTF-8",
                    0), null));
            return;
        } catch (IOException | RuntimeException unreadable) {
            reports.add(problem(name, RuleProblem.error("unreadable path", "cannot read " + name + " ("
                    + unreadable + "); fix its permissions", 0), null));
            return;
        }
        addText(text, name, placeholders(file.toAbsolutePath().getParent(), root.toAbsolutePath()));
    }

    private RuleProblem tooLarge(String name, long size) {
        return RuleProblem.error("file too large", name + " has " + size + " bytes, over the "
                + options.maximumFileBytes() + "-byte limit for one rule file; a rule file is a few kilobytes: "
                + "split it or check that it is a rule", 0);
    }

    private void addDocument(Node document, String file, Placeholders placeholders) {
        String[] titleAndId = RuleDocuments.titleAndId(document);
        try {
            if (RuleDocuments.isFilter(document)) {
                throw RuleProblem.unsupported("sigma filter document", "Sigma filter documents (line "
                        + lineOf(document) + ") are not supported", lineOf(document));
            }
            if (RuleDocuments.isCorrelation(document)) {
                CorrelationRule correlation = CorrelationCompiler.compile(document, file);
                RuleReport report = checkId(correlation.id(), file, correlation.line(), correlation.title(),
                        correlation.level(), correlation.sigmaStatus());
                correlations.add(correlation);
                correlationReports.add(report);
                return;
            }
            DetectionRule rule = RuleCompiler.compile(document, file, placeholders);
            RuleReport report = checkId(rule.id(), file, rule.line(), rule.title(), rule.level(), rule.sigmaStatus());
            if (report.status() != RuleStatus.ERROR) {
                compiled.add(rule);
            }
            if (report.status() == RuleStatus.ACTIVE) {
                active.add(rule);
            }
            reports.add(report);
        } catch (RuleProblem problem) {
            reports.add(problem(file, problem, titleAndId));
        } catch (RuntimeException | StackOverflowError defect) {
            reports.add(problem(file, RuleProblem.error("internal error", "the loader failed on this rule (line "
                    + lineOf(document) + "): " + defect + "; please report it as a HELK lab defect",
                    lineOf(document), defect), titleAndId));
        }
    }

    private RuleReport checkId(String id, String file, int line, String title, RuleLevel level, String sigmaStatus) {
        if (id != null) {
            String owner = idOwners.putIfAbsent(id, file + ":" + line);
            if (owner != null) {
                return new RuleReport(file, line, id, title, level, RuleStatus.ERROR, "duplicate id",
                        "the id " + id + " (line " + line + ") is already used by the rule at " + owner
                                + "; give each rule its own id");
            }
        }
        String status = sigmaStatus == null ? "" : sigmaStatus.strip().toLowerCase(Locale.ROOT);
        if (status.equals("deprecated") || status.equals("unsupported")) {
            return new RuleReport(file, line, id, title, level, RuleStatus.DISABLED, "sigma status " + status,
                    "the rule's status is " + status);
        }
        if (options.minimumLevel() != null && (level == null || level.compareTo(options.minimumLevel()) < 0)) {
            return new RuleReport(file, line, id, title, level, RuleStatus.DISABLED, "below minimum level",
                    "level " + (level == null ? "(none)" : level.label()) + " is below the minimum level "
                            + options.minimumLevel().label());
        }
        return new RuleReport(file, line, id, title, level, RuleStatus.ACTIVE, null, null);
    }

    private static int lineOf(Node document) {
        return document.getStartMark() == null ? 0 : document.getStartMark().getLine() + 1;
    }

    private static RuleReport problem(String file, RuleProblem problem, String[] titleAndId) {
        return new RuleReport(file, problem.line(), titleAndId == null ? null : titleAndId[1],
                titleAndId == null ? null : titleAndId[0], null, problem.status(), problem.category(),
                problem.getMessage());
    }

    private Placeholders placeholders(Path directory, Path root) {
        Placeholders known = placeholdersByDirectory.get(directory);
        if (known != null) {
            return known;
        }
        Path file = directory.resolve(PLACEHOLDER_FILE);
        Placeholders found;
        if (Files.isRegularFile(file)) {
            found = PlaceholderFile.read(file, reports);
        } else {
            Path parent = directory.getParent();
            found = parent == null || !directory.startsWith(root) || directory.equals(root) ? Placeholders.NONE
                    : placeholders(parent, root);
        }
        placeholdersByDirectory.put(directory, found);
        return found;
    }

    private static String resource(String name) {
        try (InputStream stream = RuleLoader.class.getResourceAsStream(name)) {
            return stream == null ? null : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return null;
        }
    }
}
