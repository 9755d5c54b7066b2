package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExportTest {
    @Test
    void fieldsFollowRfc4180AndFormulasAreDefused() throws Exception {
        StringWriter out = new StringWriter();
        CsvExport.writeRow(out, List.of("plain", "a,b", "say \"hi\"", "line\nbreak", "=cmd|' /c calc'!A0", "-enc abc"));
        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",'=cmd|' /c calc'!A0,-enc abc\r\n");
    }

    @Test
    void valuesAreReadFlatOrByPathAndArraysAreJoined() throws Exception {
        var document = new ObjectMapper().readTree("{\"dns_query_results\": [\"1.2.3.4\", \"5.6.7.8\"], \"winlog\": "
                + "{\"event_id\": 1}, \"a.b\": \"flat\"}");
        assertThat(CsvExport.text(CsvExport.valueAt(document, "dns_query_results"))).isEqualTo("1.2.3.4; 5.6.7.8");
        assertThat(CsvExport.text(CsvExport.valueAt(document, "winlog.event_id"))).isEqualTo("1");
        assertThat(CsvExport.text(CsvExport.valueAt(document, "a.b"))).isEqualTo("flat");
        assertThat(CsvExport.text(CsvExport.valueAt(document, "missing"))).isEmpty();
    }
}
