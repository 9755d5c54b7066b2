package io.helklab.door.hunt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The dashboards a user can open: the built-in ones in the jar (listed in {@code dashboards/dashboards.txt})
 * and the user's own {@code .json}, {@code .yaml} or {@code .yml} files in a directory (the appliance home's
 * {@code dashboards/}), read again on every call so a new file shows up without a restart. A file that does
 * not parse or validate is listed with the reason instead of its dashboard; the others are unaffected.
 * Thread-safe.
 */
public final class DashboardCatalog {
    static final String BUILT_IN_ROOT = "/io/helklab/door/hunt/dashboards/";
    private static final long MAXIMUM_FILE = 256 * 1024;

    /** One listed file: its dashboard, or the reason it has none. */
    public record Entry(String id, String source, boolean builtIn, DashboardDefinition dashboard, String error) {}

    private final List<Entry> builtIn;
    private final Path userDirectory;

    /** @param userDirectory where users' files live; {@code null} for built-ins only */
    public DashboardCatalog(Path userDirectory) {
        this.userDirectory = userDirectory;
        this.builtIn = loadBuiltIn();
    }

    private static List<Entry> loadBuiltIn() {
        List<Entry> entries = new ArrayList<>();
        for (String name : resource("dashboards.txt").lines().map(String::trim).filter(line -> !line.isEmpty()).toList()) {
            Entry entry = parse(name, "built-in " + name, true, resource(name));
            if (entry.error() != null) {
                throw new IllegalStateException("The built-in dashboard " + name + " is invalid: " + entry.error());
            }
            entries.add(entry);
        }
        return List.copyOf(entries);
    }

    private static String resource(String name) {
        try (InputStream stream = DashboardCatalog.class.getResourceAsStream(BUILT_IN_ROOT + name)) {
            if (stream == null) {
                throw new IllegalStateException(BUILT_IN_ROOT + name + " is missing from the class path");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException("Reading " + BUILT_IN_ROOT + name + " failed", failure);
        }
    }

    /** Built-ins first, then the user's files by name. */
    public List<Entry> list() {
        List<Entry> all = new ArrayList<>(builtIn);
        if (userDirectory == null || !Files.isDirectory(userDirectory)) {
            return all;
        }
        Set<String> ids = new HashSet<>();
        builtIn.forEach(entry -> ids.add(entry.id()));
        List<Path> files;
        try (Stream<Path> listing = Files.list(userDirectory)) {
            files = listing.filter(DashboardCatalog::isDashboardFile).sorted().toList();
        } catch (IOException failure) {
            all.add(new Entry(null, userDirectory.toString(), false, null, "The directory could not be listed: " + failure));
            return all;
        }
        for (Path file : files) {
            Entry entry = read(file);
            if (entry.error() == null && !ids.add(entry.id())) {
                entry = new Entry(entry.id(), entry.source(), false, null, "The id '" + entry.id() + "' is already taken by "
                        + "another dashboard; give this one an \"id\" of its own.");
            }
            all.add(entry);
        }
        return all;
    }

    /** The dashboard {@code id}, or a 404 (a 400 with the reason when its file is broken). */
    public DashboardDefinition get(String id) {
        for (Entry entry : list()) {
            if (id.equals(entry.id())) {
                if (entry.dashboard() == null) {
                    throw HuntRequestException.badParameter("dashboard", "The dashboard '" + id + "' in " + entry.source()
                            + " has an error: " + entry.error());
                }
                return entry.dashboard();
            }
        }
        throw HuntRequestException.notFound("No dashboard '" + id + "'. GET /api/hunt/dashboards lists them.");
    }

    private static boolean isDashboardFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static Entry read(Path file) {
        try {
            if (Files.size(file) > MAXIMUM_FILE) {
                return new Entry(baseName(file.getFileName().toString()), file.toString(), false, null,
                        "The file is larger than " + MAXIMUM_FILE / 1024 + " KB.");
            }
            return parse(file.getFileName().toString(), file.toString(), false, Files.readString(file));
        } catch (IOException failure) {
            return new Entry(baseName(file.getFileName().toString()), file.toString(), false, null,
                    "The file could not be read: " + failure.getMessage());
        }
    }

    static Entry parse(String fileName, String source, boolean builtIn, String text) {
        String fallbackId = baseName(fileName);
        JsonNode json;
        try {
            if (fileName.endsWith(".json")) {
                json = JsonEndpoint.JSON.readTree(text);
            } else {
                Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
                json = JsonEndpoint.JSON.valueToTree(yaml);
            }
        } catch (JsonProcessingException malformed) {
            return new Entry(fallbackId, source, builtIn, null, "Not valid JSON at line "
                    + malformed.getLocation().getLineNr() + ", column " + malformed.getLocation().getColumnNr() + ": "
                    + malformed.getOriginalMessage());
        } catch (YAMLException malformed) {
            return new Entry(fallbackId, source, builtIn, null, "Not valid YAML: " + malformed.getMessage());
        }
        if (json == null || json.isNull()) {
            return new Entry(fallbackId, source, builtIn, null, "The file is empty.");
        }
        try {
            DashboardDefinition dashboard = DashboardDefinition.fromJson(json, fallbackId);
            return new Entry(dashboard.id(), source, builtIn, dashboard, null);
        } catch (IllegalArgumentException invalid) {
            return new Entry(fallbackId, source, builtIn, null, invalid.getMessage() + ".");
        }
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = dot < 0 ? fileName : fileName.substring(0, dot);
        return base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
    }
}
