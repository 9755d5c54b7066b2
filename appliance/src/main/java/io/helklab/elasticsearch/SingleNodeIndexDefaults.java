package io.helklab.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticsearch.action.admin.cluster.health.ClusterHealthResponse;
import org.elasticsearch.action.admin.indices.template.put.PutIndexTemplateRequest;
import org.elasticsearch.action.support.master.AcknowledgedResponse;
import org.elasticsearch.client.Client;
import org.elasticsearch.cluster.health.ClusterHealthStatus;
import org.elasticsearch.cluster.health.ClusterIndexHealth;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.common.settings.Settings;

/**
 * What a one-node cluster needs that Elasticsearch's defaults assume away.
 *
 * <p>Elasticsearch gives every new index one replica, which a single node can never place: the index
 * stays yellow for good, and so does the cluster. Settings such as {@code index.number_of_replicas}
 * cannot be node settings in 7.x, so a lowest-order template gives every index created on the embedded
 * node (ours, the fixture's, a notebook's, one created by a shipper) no replicas; any template or request
 * that asks for replicas explicitly still wins; indices that an earlier version created with a replica lose it
 * at start. And when the cluster is yellow all the same, {@link
 * #yellowReason} says which indices hold unassigned shards, so health never reports a yellow cluster
 * without its cause. Stateless.
 */
public final class SingleNodeIndexDefaults {
    /** The template's name, visible in {@code GET _template}. */
    public static final String TEMPLATE = "helk-lab-single-node";

    private SingleNodeIndexDefaults() {}

    /**
     * Installs the template and takes the replicas off indices an earlier version created with one; call once the
     * node is up, before anything indexes.
     */
    public static void install(Client client) {
        dropReplicasOfExistingIndices(client);
        PutIndexTemplateRequest request = new PutIndexTemplateRequest(TEMPLATE)
                .patterns(List.of("*"))
                .order(-1)
                .settings(Settings.builder().put("index.number_of_replicas", 0));
        AcknowledgedResponse response = client.admin().indices().putTemplate(request).actionGet();
        if (!response.isAcknowledged()) {
            throw new IllegalStateException("Elasticsearch did not acknowledge index template " + TEMPLATE);
        }
    }

    private static void dropReplicasOfExistingIndices(Client client) {
        List<String> replicated = new ArrayList<>();
        for (IndexMetadata index : client.admin().cluster().prepareState().clear().setMetadata(true).get().getState()
                .metadata()) {
            boolean autoExpands = index.getSettings().get(IndexMetadata.SETTING_AUTO_EXPAND_REPLICAS) != null;
            if (index.getNumberOfReplicas() > 0 && !autoExpands) {
                replicated.add(index.getIndex().getName());
            }
        }
        if (!replicated.isEmpty()) {
            client.admin().indices().prepareUpdateSettings(replicated.toArray(String[]::new))
                    .setSettings(Settings.builder().put("index.number_of_replicas", 0)).get();
        }
    }

    /**
     * Why the cluster is not green, naming the indices with unassigned shards and the fix; empty when it is green.
     */
    public static Optional<String> yellowReason(ClusterHealthResponse health) {
        if (health.getStatus() == ClusterHealthStatus.GREEN) {
            return Optional.empty();
        }
        List<String> indices = new ArrayList<>();
        for (Map.Entry<String, ClusterIndexHealth> index : health.getIndices().entrySet()) {
            if (index.getValue().getStatus() != ClusterHealthStatus.GREEN) {
                indices.add(index.getKey() + " (" + index.getValue().getUnassignedShards() + " unassigned, "
                        + index.getValue().getNumberOfReplicas() + " replicas)");
            }
        }
        if (indices.isEmpty()) {
            return Optional.of(health.getUnassignedShards() + " unassigned shards, " + health.getInitializingShards()
                    + " initialising");
        }
        return Optional.of(health.getUnassignedShards() + " unassigned shards in " + String.join(", ", indices)
                + "; a single node cannot hold replicas: PUT <index>/_settings {\"index.number_of_replicas\": 0}");
    }
}
