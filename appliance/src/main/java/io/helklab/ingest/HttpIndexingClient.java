package io.helklab.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helklab.elasticsearch.ElasticsearchConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.index.IndexResponse;
import org.elasticsearch.common.xcontent.XContentHelper;
import org.elasticsearch.common.xcontent.XContentType;
import org.elasticsearch.index.shard.ShardId;
import org.elasticsearch.rest.RestStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexer's way to an attached cluster: {@code _bulk} over HTTP, spread over the cluster's URLs.
 *
 * <p>A request that reaches no node, or that the cluster refuses as a whole, is a failure for the listener (the
 * {@link BulkWriter} retries it with backoff) and moves on to the next URL, so a node that died costs one retry.
 * Documents kept in SMILE for the in-process path are sent as JSON; ids and index names are those of the request,
 * so a retried batch overwrites instead of duplicating. Thread-safe.
 */
public final class HttpIndexingClient implements IndexingClient {
    private static final Logger LOG = LoggerFactory.getLogger(HttpIndexingClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ElasticsearchConnection connection;
    private final HttpClient http;
    private final AtomicInteger current = new AtomicInteger();

    public HttpIndexingClient(ElasticsearchConnection connection) {
        this.connection = connection;
        this.http = connection.newHttpClient(Duration.ofSeconds(5));
    }

    @Override
    public void installTemplates(Collection<String> names) throws IOException, InterruptedException {
        Indexer.installTemplates(connection.urls().get(Math.floorMod(current.get(), connection.urls().size())), names);
    }

    @Override
    public void refresh(Collection<String> indices) {
        List<String> urls = connection.urls();
        String url = urls.get(Math.floorMod(current.get(), urls.size()));
        String names = indices.stream().map(index -> URLEncoder.encode(index, StandardCharsets.UTF_8))
                .collect(Collectors.joining(","));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + "/" + names
                + "/_refresh?ignore_unavailable=true&allow_no_indices=true")).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody());
        http.sendAsync(connection.authenticate(builder).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    if (failure != null || response.statusCode() / 100 != 2) {
                        LOG.debug("could not refresh {} at {}: {}", indices, url,
                                failure != null ? failure.toString() : "HTTP " + response.statusCode());
                    }
                });
    }

    @Override
    public void bulk(BulkRequest request, ActionListener<BulkResponse> listener) {
        List<String> urls = connection.urls();
        int attempt = current.get();
        String url = urls.get(Math.floorMod(attempt, urls.size()));
        byte[] body;
        try {
            body = body(request);
        } catch (IOException unreadable) {
            listener.onFailure(unreadable);
            return;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + "/_bulk")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        long begin = System.nanoTime();
        http.sendAsync(connection.authenticate(builder).build(), HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        current.compareAndSet(attempt, attempt + 1);
                        listener.onFailure(new IOException("Elasticsearch at " + url + " did not answer a bulk request: "
                                + failure, failure));
                        return;
                    }
                    if (response.statusCode() != 200) {
                        if (response.statusCode() >= 500) {
                            current.compareAndSet(attempt, attempt + 1);
                        }
                        listener.onFailure(new IOException("Elasticsearch at " + url + " answered " + response.statusCode()
                                + " to a bulk request: " + new String(response.body(), StandardCharsets.UTF_8)));
                        return;
                    }
                    try {
                        listener.onResponse(response(request, JSON.readTree(response.body()),
                                Duration.ofNanos(System.nanoTime() - begin).toMillis()));
                    } catch (IOException | RuntimeException unreadable) {
                        listener.onFailure(new IOException("Elasticsearch at " + url + " sent a bulk response that could "
                                + "not be read: " + unreadable, unreadable));
                    }
                });
    }

    /** The newline-delimited body: an action line and a JSON source per document. */
    static byte[] body(BulkRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.toIntExact(Math.min(Integer.MAX_VALUE,
                request.estimatedSizeInBytes() * 2 + 1024)));
        for (DocWriteRequest<?> item : request.requests()) {
            if (!(item instanceof IndexRequest index)) {
                throw new IllegalArgumentException("only index requests go over HTTP, got " + item.opType());
            }
            ObjectNode action = JSON.createObjectNode();
            ObjectNode target = action.putObject("index");
            target.put("_index", index.index());
            if (index.id() != null) {
                target.put("_id", index.id());
            }
            out.write(JSON.writeValueAsBytes(action));
            out.write('\n');
            if (index.getContentType() == XContentType.JSON) {
                out.write(index.source().toBytesRef().bytes, index.source().toBytesRef().offset, index.source().length());
            } else {
                out.write(XContentHelper.convertToJson(index.source(), false, index.getContentType())
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The REST answer as the response the in-process client would give, item for item. */
    static BulkResponse response(BulkRequest request, JsonNode answer, long tookMillis) {
        JsonNode items = answer.path("items");
        List<DocWriteRequest<?>> requests = request.requests();
        if (!items.isArray() || items.size() != requests.size()) {
            throw new UncheckedIOException(new IOException("the bulk response holds " + items.size() + " items for "
                    + requests.size() + " documents: " + answer));
        }
        BulkItemResponse[] responses = new BulkItemResponse[requests.size()];
        for (int i = 0; i < responses.length; i++) {
            JsonNode result = items.get(i).elements().next();
            String index = result.path("_index").asText(requests.get(i).index());
            String id = result.path("_id").asText(requests.get(i).id());
            int status = result.path("status").asInt(500);
            JsonNode error = result.path("error");
            if (status >= 300 || !error.isMissingNode()) {
                String reason = error.path("type").asText("error") + ": " + error.path("reason").asText(error.toString());
                responses[i] = new BulkItemResponse(i, DocWriteRequest.OpType.INDEX, new BulkItemResponse.Failure(index,
                        "_doc", id, new IllegalArgumentException(reason), statusOf(status)));
            } else {
                responses[i] = new BulkItemResponse(i, DocWriteRequest.OpType.INDEX, new IndexResponse(
                        new ShardId(index, "_na_", 0), "_doc", id, result.path("_seq_no").asLong(-2),
                        result.path("_primary_term").asLong(0), result.path("_version").asLong(1), status == 201));
            }
        }
        return new BulkResponse(responses, tookMillis);
    }

    private static RestStatus statusOf(int code) {
        RestStatus status = RestStatus.fromCode(code);
        return status == null ? RestStatus.INTERNAL_SERVER_ERROR : status;
    }
}
