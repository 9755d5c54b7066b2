package io.helklab.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A document Elasticsearch refuses becomes a parse failure in the namespace it was sent to, not in HELK's own. */
@HelkLabTest
class RejectedInNamespaceIT {

    @Test
    void aRefusedDocumentStaysInItsNamespace(HuntNamespace hunt) {
        // The normaliser prevents type conflicts; a mapping explosion is what Elasticsearch itself still refuses.
        StringBuilder manyFields = new StringBuilder("{\"EventID\":7,\"Channel\":\"Custom/Thing\","
                + "\"TimeCreated\":\"2024-03-02T10:00:00Z\",\"Hostname\":\"srv01\"");
        for (int field = 0; field < 6000; field++) {
            manyFields.append(",\"field_").append(field).append("\":\"v\"");
        }
        hunt.send(manyFields.append('}').toString());

        hunt.awaitDocuments(1);
        List<Map<String, Object>> hits = hunt.search("*:*");
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat((String) hit.get("_index")).startsWith(hunt.name() + ".parse-failures-");
            assertThat((String) hit.get("reason")).contains("Elasticsearch rejected the document");
        });
    }
}
