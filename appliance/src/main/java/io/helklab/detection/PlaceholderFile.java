package io.helklab.detection;

import io.helklab.detection.sigma.Placeholders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A {@code placeholders.yml}: placeholder names mapped to a value or a list of values, for the {@code expand}
 * modifier. A file that cannot be read is reported, and defines nothing.
 */
final class PlaceholderFile {

    private PlaceholderFile() {
    }

    static Placeholders read(Path file, List<RuleReport> reports) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            Object root = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
            Map<String, List<String>> values = new HashMap<>();
            if (root instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    List<String> list = new ArrayList<>();
                    if (entry.getValue() instanceof List<?> items) {
                        items.forEach(item -> list.add(String.valueOf(item)));
                    } else if (entry.getValue() != null) {
                        list.add(String.valueOf(entry.getValue()));
                    }
                    values.put(String.valueOf(entry.getKey()), List.copyOf(list));
                }
            } else {
                throw new IllegalArgumentException("it is not a map of placeholder names to values");
            }
            return values::get;
        } catch (IOException | RuntimeException unreadable) {
            reports.add(new RuleReport(file.toString(), 0, null, null, null, RuleStatus.ERROR,
                    "invalid placeholders file", "cannot use " + file + " (" + unreadable.getMessage()
                    + "); write it as name: [value, …]"));
            return Placeholders.NONE;
        }
    }
}
