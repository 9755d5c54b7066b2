package io.helklab.junit.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.junit.HelkLabTest;
import io.helklab.junit.HuntNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's example: a detection rule tested against real events through Kafka and Elasticsearch. */
// README-EXAMPLE-START
@HelkLabTest
class LsassDumpDetectionIT {
    /** Sysmon EID 10: LSASS opened for reading or with all access by a process outside System32. */
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
    void findsTheDumperButNotDefenderOrWmiOpeningLsass(HuntNamespace hunt) {
        hunt.awaitDocuments(hunt.sendScenario("lsass-credential-dumping"));

        List<Map<String, Object>> alerts = hunt.searchDsl(LSASS_ACCESS_RULE);

        assertThat(alerts).hasSize(2).allSatisfy(alert -> {
            assertThat(alert.get("host_name")).isEqualTo("wks02.helk.lab");
            assertThat(alert.get("process_path")).isEqualTo("c:\\users\\public\\libraries\\werfault.exe");
        });
    }

    @Test
    void staysQuietOnADayWithoutCredentialDumping(HuntNamespace hunt) {
        hunt.awaitDocuments(hunt.sendScenario("run-key-persistence"));

        assertThat(hunt.searchDsl(LSASS_ACCESS_RULE)).isEmpty();
    }
}
// README-EXAMPLE-END
