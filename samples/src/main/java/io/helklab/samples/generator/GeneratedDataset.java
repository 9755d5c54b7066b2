package io.helklab.samples.generator;

import io.helklab.samples.Scenario;

import java.util.List;
import java.util.Objects;

/** One scenario's manifest and its records (JSON lines, time order), before they are written. Immutable value. */
public record GeneratedDataset(Scenario manifest, List<String> records) {

    public GeneratedDataset {
        Objects.requireNonNull(manifest, "manifest");
        records = List.copyOf(records);
    }
}
