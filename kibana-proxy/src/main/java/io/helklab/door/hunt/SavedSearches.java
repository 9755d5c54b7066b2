package io.helklab.door.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saved searches: the built-in ones, HELK's useful Discover searches under their HELK names, from
 * {@code saved-searches.json} in the jar; users' own in the {@link HuntIndices#SAVED_SEARCHES} index.
 * A user's search cannot take a built-in's name. Thread-safe.
 */
public final class SavedSearches {
    static final String BUILT_IN_RESOURCE = "/io/helklab/door/hunt/saved-searches.json";

    private final Map<String, SavedSearch> builtIn;
    private final StateIndex index;

    public SavedSearches(HuntElasticsearch elasticsearch) {
        this.builtIn = loadBuiltIn();
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.putObject("query").put("type", "keyword").put("index", false);
        properties.putObject("description").put("type", "text");
        this.index = new StateIndex(elasticsearch, HuntIndices.SAVED_SEARCHES, properties);
    }

    private static Map<String, SavedSearch> loadBuiltIn() {
        try (InputStream stream = SavedSearches.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException(BUILT_IN_RESOURCE + " is missing from the class path");
            }
            Map<String, SavedSearch> searches = new LinkedHashMap<>();
            for (JsonNode json : JsonEndpoint.JSON.readTree(stream)) {
                SavedSearch search = SavedSearch.fromJson(json, true);
                searches.put(search.id(), search);
            }
            return searches;
        } catch (IOException failure) {
            throw new UncheckedIOException("Reading " + BUILT_IN_RESOURCE + " failed", failure);
        }
    }

    /** Built-ins first, then the users' searches by name. */
    public List<SavedSearch> list() {
        List<SavedSearch> all = new ArrayList<>(builtIn.values());
        for (JsonNode json : index.all("name")) {
            all.add(SavedSearch.fromJson(json, false));
        }
        return all;
    }

    public SavedSearch get(String id) {
        return list().stream().filter(search -> search.id().equals(id)).findFirst()
                .orElseThrow(() -> HuntRequestException.notFound("No saved search '" + id + "'. GET /api/hunt/saved-searches "
                        + "lists them."));
    }

    /** Saves (or replaces) a user's search under the id its name gives. */
    public SavedSearch save(JsonNode json) {
        SavedSearch search = SavedSearch.fromJson(((ObjectNode) json.deepCopy()).put("id", (String) null), false);
        if (builtIn.containsKey(search.id())) {
            throw HuntRequestException.badParameter("name", "'" + search.name() + "' is the name of a built-in saved "
                    + "search; choose another name.");
        }
        index.put(search.id(), search.toJson());
        return search;
    }

    public void delete(String id) {
        if (builtIn.containsKey(id)) {
            throw new HuntRequestException(409, null, "'" + id + "' is built in and cannot be deleted.", null);
        }
        if (!index.delete(id)) {
            throw HuntRequestException.notFound("No saved search '" + id + "' to delete.");
        }
    }
}
