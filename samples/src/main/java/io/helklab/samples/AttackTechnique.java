package io.helklab.samples;

import java.util.Objects;

/** A MITRE ATT&CK technique a scenario exercises: {@code T1003.001}, "OS Credential Dumping: LSASS Memory". */
public record AttackTechnique(String id, String name) {

    public AttackTechnique {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (!id.matches("T\\d{4}(\\.\\d{3})?")) {
            throw new IllegalArgumentException("Not an ATT&CK technique id: '" + id + "' (expected T1234 or T1234.001)");
        }
    }
}
