package io.helklab.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.helklab.elasticsearch.ElasticsearchHttp;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which scenarios were loaded into an appliance, and with which time shift: one small document per
 * scenario in the {@value #INDEX} index, so {@code samples verify} and the UI know what to check.
 */
public final class LoadedSamples {
    public static final String INDEX = "helk-lab-samples";

    private final ElasticsearchHttp elasticsearch;

    public LoadedSamples(ElasticsearchHttp elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    /** One loaded scenario. */
    public record Entry(String scenario, long shiftDays, Instant loadedAt, long records) {}

    /** Records that a scenario was loaded (replacing an earlier entry for the same scenario and shift). */
    public void record(String scenario, long shiftDays, long records) throws IOException, InterruptedException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scenario", scenario);
        document.put("shift_days", shiftDays);
        document.put("loaded_at", Instant.now().toString());
        document.put("records", records);
        ElasticsearchHttp.Response response = elasticsearch.put("/" + INDEX + "/_doc/" + scenario + "-" + shiftDays
                + "?refresh=true", document);
        if (!response.ok()) {
            throw new IOException("could not record the load of " + scenario + ": " + response.body());
        }
    }

    /** Every loaded scenario (empty on a fresh appliance). */
    public List<Entry> all() throws IOException, InterruptedException {
        ElasticsearchHttp.Response response = elasticsearch.post("/" + INDEX
                + "/_search?ignore_unavailable=true&allow_no_indices=true", Map.of("size", 1000,
                        "sort", List.of(Map.of("loaded_at", Map.of("order", "asc", "unmapped_type", "date")))));
        List<Entry> entries = new ArrayList<>();
        if (!response.ok() || response.body() == null) {
            return entries;
        }
        for (JsonNode hit : response.body().path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            entries.add(new Entry(source.path("scenario").asText(), source.path("shift_days").asLong(),
                    Instant.parse(source.path("loaded_at").asText()), source.path("records").asLong()));
        }
        return entries;
    }

    /** True when nothing was ever loaded: a fresh home. */
    public boolean none() throws IOException, InterruptedException {
        return all().isEmpty();
    }
}
