package io.helklab.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.common.bytes.BytesReference;
import org.elasticsearch.common.xcontent.XContentBuilder;
import org.elasticsearch.common.xcontent.XContentFactory;
import org.elasticsearch.common.xcontent.XContentType;
import org.elasticsearch.rest.RestStatus;
import org.junit.jupiter.api.Test;

/** The bulk request as NDJSON and the REST answer as the in-process client's response, without a cluster. */
class HttpIndexingClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BulkRequest request() throws Exception {
        XContentBuilder smile = XContentFactory.smileBuilder().startObject().field("process_name", "lsass.exe").endObject();
        return new BulkRequest()
                .add(new IndexRequest("logs-endpoint-winevent-sysmon-2026.12.07").id("a\"1")
                        .source(BytesReference.bytes(smile), XContentType.SMILE))
                .add(new IndexRequest("alerts-2026.12.07").id("b2").source("{\"rule\":\"x\"}", XContentType.JSON));
    }

    @Test
    void smileSourcesGoOutAsJsonWithEscapedIds() throws Exception {
        String body = new String(HttpIndexingClient.body(request()), StandardCharsets.UTF_8);

        assertThat(body.split("\n")).containsExactly(
                "{\"index\":{\"_index\":\"logs-endpoint-winevent-sysmon-2026.12.07\",\"_id\":\"a\\\"1\"}}",
                "{\"process_name\":\"lsass.exe\"}",
                "{\"index\":{\"_index\":\"alerts-2026.12.07\",\"_id\":\"b2\"}}",
                "{\"rule\":\"x\"}");
        assertThat(body).endsWith("\n");
    }

    @Test
    void itemFailuresKeepTheirStatusSoTheWriterCanRetryOrReroute() throws Exception {
        String answer = """
                {"took":3,"errors":true,"items":[
                  {"index":{"_index":"logs-endpoint-winevent-sysmon-2026.12.07","_id":"a\\"1","status":429,
                    "error":{"type":"es_rejected_execution_exception","reason":"queue full"}}},
                  {"index":{"_index":"alerts-2026.12.07","_id":"b2","_version":1,"result":"created","status":201,
                    "_seq_no":0,"_primary_term":1}}]}""";

        BulkResponse response = HttpIndexingClient.response(request(), JSON.readTree(answer), 3);

        assertThat(response.getItems()).hasSize(2);
        assertThat(response.getItems()[0].isFailed()).isTrue();
        assertThat(response.getItems()[0].status()).isEqualTo(RestStatus.TOO_MANY_REQUESTS);
        assertThat(response.getItems()[0].getFailureMessage()).contains("es_rejected_execution_exception", "queue full");
        assertThat(response.getItems()[1].isFailed()).isFalse();
        assertThat(response.getItems()[1].getId()).isEqualTo("b2");
    }

    @Test
    void anAnswerWithTheWrongNumberOfItemsIsAFailureNotASilentSuccess() throws Exception {
        assertThatThrownBy(() -> HttpIndexingClient.response(request(), JSON.readTree("{\"items\":[]}"), 1))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("0 items for 2 documents");
    }
}
