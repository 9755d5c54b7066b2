package io.helklab.ingest;

import java.io.IOException;
import java.util.Collection;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.Client;
import org.slf4j.LoggerFactory;

/**
 * How the indexer reaches Elasticsearch: the embedded node's own client in this JVM, or HTTP to an attached
 * cluster ({@link HttpIndexingClient}). Both take the same bulk requests and answer with the same responses, so
 * {@link BulkWriter}'s delivery guarantee does not depend on which one it is. Implementations are thread-safe.
 */
public interface IndexingClient {

    /** Installs the named templates of {@code IndexTemplates}, as this cluster takes them. */
    void installTemplates(Collection<String> names) throws IOException, InterruptedException;

    /** Sends one bulk request; the listener hears the response or why there is none. Never blocks for long. */
    void bulk(BulkRequest request, ActionListener<BulkResponse> listener);

    /**
     * Makes what was written to these indices searchable now; best effort and asynchronous (a failed refresh only
     * means waiting for the indices' refresh interval). Indices that do not exist are ignored.
     */
    void refresh(Collection<String> indices);

    /** The embedded node's client: no HTTP, no serialisation. */
    static IndexingClient inProcess(Client client) {
        return new IndexingClient() {
            @Override
            public void installTemplates(Collection<String> names) {
                Indexer.installTemplates(client, names);
            }

            @Override
            public void bulk(BulkRequest request, ActionListener<BulkResponse> listener) {
                client.bulk(request, listener);
            }

            @Override
            public void refresh(Collection<String> indices) {
                client.admin().indices().prepareRefresh(indices.toArray(String[]::new))
                        .setIndicesOptions(IndicesOptions.lenientExpandOpen())
                        .execute(ActionListener.wrap(response -> { },
                                failure -> LoggerFactory.getLogger(IndexingClient.class)
                                        .debug("could not refresh {}", indices, failure)));
            }
        };
    }
}
