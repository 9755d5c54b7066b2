package io.helklab.elasticsearch;

import java.util.Collection;
import java.util.List;
import org.elasticsearch.analysis.common.CommonAnalysisPlugin;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.mapper.MapperExtrasPlugin;
import org.elasticsearch.index.rankeval.RankEvalPlugin;
import org.elasticsearch.index.reindex.ReindexPlugin;
import org.elasticsearch.ingest.common.IngestCommonPlugin;
import org.elasticsearch.ingest.useragent.IngestUserAgentPlugin;
import org.elasticsearch.join.ParentJoinPlugin;
import org.elasticsearch.kibana.KibanaPlugin;
import org.elasticsearch.node.Node;
import org.elasticsearch.percolator.PercolatorPlugin;
import org.elasticsearch.plugin.repository.url.URLRepositoryPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.script.expression.ExpressionPlugin;
import org.elasticsearch.script.mustache.MustachePlugin;
import org.elasticsearch.search.aggregations.matrix.MatrixAggregationPlugin;
import org.elasticsearch.transport.Netty4Plugin;

/**
 * An Elasticsearch node whose modules come from the classpath instead of a {@code modules/} folder.
 *
 * <p>{@code Node}'s protected constructor takes plugin classes directly, which skips the bootstrap
 * checks and the jar-hell check that a standalone node runs — both meaningless inside a shared JVM.
 */
final class ClasspathPluginNode extends Node {

    /** The modules a stock Elasticsearch 7.10.2 OSS distribution loads (Painless deferred), plus the HTTP transport and HELK lab's own field types. */
    static final List<Class<? extends Plugin>> MODULES = List.of(
            Netty4Plugin.class,
            CommonAnalysisPlugin.class,
            MapperExtrasPlugin.class,
            DeferredPainlessPlugin.class,
            ParentJoinPlugin.class,
            ReindexPlugin.class,
            PercolatorPlugin.class,
            IngestCommonPlugin.class,
            MatrixAggregationPlugin.class,
            MustachePlugin.class,
            RankEvalPlugin.class,
            KibanaPlugin.class,
            ExpressionPlugin.class,
            IngestUserAgentPlugin.class,
            URLRepositoryPlugin.class,
            HelkMappingPlugin.class);

    ClasspathPluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(environment, plugins, true);
    }
}
