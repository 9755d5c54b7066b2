package org.example.detections;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.junit.HelkLabTest;
import io.helklab.junit.HuntNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A detection tested the way the README shows, from a project of its own. */
@HelkLabTest
class LsassDumpDetectionTest {
    static final String LSASS_ACCESS_RULE = """
            {"bool": {
              "filter": [
                {"term": {"event_id": 10}},
                {"term": {"target_process_path.keyword": "c:\\\\windows\\\\system32\\\\lsass.exe"}},
                {"terms": {"process_granted_access": [4112, 5136, 2097151]}}
              ],
              "must_not": [{"prefix": {"process_path.keyword": "c:\\\\windows\\\\system32\\\\"}}]
            }}""";

    @Test
    void findsTheDumper(HuntNamespace hunt) {
        hunt.awaitDocuments(hunt.sendScenario("lsass-credential-dumping"));

        List<Map<String, Object>> alerts = hunt.searchDsl(LSASS_ACCESS_RULE);

        assertThat(alerts).hasSize(2).allSatisfy(alert ->
                assertThat(alert.get("process_path")).isEqualTo("c:\\users\\public\\libraries\\werfault.exe"));
    }
}
