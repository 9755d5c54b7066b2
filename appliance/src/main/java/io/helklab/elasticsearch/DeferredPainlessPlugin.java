package io.helklab.elasticsearch;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.client.Client;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Setting;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.common.xcontent.NamedXContentRegistry;
import org.elasticsearch.env.Environment;
import org.elasticsearch.env.NodeEnvironment;
import org.elasticsearch.painless.PainlessPlugin;
import org.elasticsearch.painless.action.PainlessContextAction;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.ExtensiblePlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.ScriptPlugin;
import org.elasticsearch.repositories.RepositoriesService;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.script.ScriptContext;
import org.elasticsearch.script.ScriptEngine;
import org.elasticsearch.script.ScriptService;
import org.elasticsearch.threadpool.ThreadPool;
import org.elasticsearch.watcher.ResourceWatcherService;

/**
 * The stock Painless module, with its script engine built when a script first needs it rather than
 * while the node is constructed.
 *
 * <p>Building Painless's lookups (reflection over every whitelisted class, for each script context)
 * was the largest single piece of Elasticsearch's start here, about a fifth of its CPU, and hunting
 * rarely runs a script. {@link #warmUp()} builds the engine in the background once the appliance is
 * ready, so the first script (a Kibana scripted field, an update-by-query) does not wait for it either.
 *
 * <p>The one thing given up is the experimental {@code GET _scripts/painless/_context} API, whose
 * transport action needs the engine at construction. Everything else, {@code _scripts/painless/_execute}
 * included, is Painless's own code.
 */
public final class DeferredPainlessPlugin extends Plugin implements ScriptPlugin, ExtensiblePlugin, ActionPlugin {
    private final PainlessPlugin painless = new PainlessPlugin();
    private volatile DeferredEngine engine;

    @Override
    public ScriptEngine getScriptEngine(Settings settings, Collection<ScriptContext<?>> contexts) {
        DeferredEngine deferred = new DeferredEngine(() -> painless.getScriptEngine(settings, contexts), Set.copyOf(contexts));
        engine = deferred;
        return deferred;
    }

    /** Builds the engine now (it is built once; later calls return at once). */
    public void warmUp() {
        DeferredEngine current = engine;
        if (current != null) {
            current.delegate();
        }
    }

    @Override
    public Collection<Object> createComponents(Client client, ClusterService clusterService, ThreadPool threadPool,
            ResourceWatcherService resourceWatcherService, ScriptService scriptService,
            NamedXContentRegistry xContentRegistry, Environment environment, NodeEnvironment nodeEnvironment,
            NamedWriteableRegistry namedWriteableRegistry, IndexNameExpressionResolver indexNameExpressionResolver,
            Supplier<RepositoriesService> repositoriesServiceSupplier) {
        // Painless registers its engine here only for the _context API's transport action, left out below.
        return List.of();
    }

    @Override
    public List<Setting<?>> getSettings() {
        return painless.getSettings();
    }

    @Override
    public void loadExtensions(ExtensionLoader loader) {
        painless.loadExtensions(loader);
    }

    @Override
    public List<ScriptContext<?>> getContexts() {
        return painless.getContexts();
    }

    @Override
    public List<ActionHandler<? extends ActionRequest, ? extends ActionResponse>> getActions() {
        return painless.getActions().stream()
                .filter(handler -> !handler.getAction().name().equals(PainlessContextAction.INSTANCE.name()))
                .toList();
    }

    @Override
    public List<RestHandler> getRestHandlers(Settings settings, RestController restController, ClusterSettings clusterSettings,
            IndexScopedSettings indexScopedSettings, SettingsFilter settingsFilter,
            IndexNameExpressionResolver indexNameExpressionResolver, Supplier<DiscoveryNodes> nodesInCluster) {
        return painless.getRestHandlers(settings, restController, clusterSettings, indexScopedSettings, settingsFilter,
                        indexNameExpressionResolver, nodesInCluster).stream()
                .filter(handler -> !(handler instanceof PainlessContextAction.RestAction))
                .toList();
    }

    /** A script engine that builds Painless's on first use; thread-safe. */
    private static final class DeferredEngine implements ScriptEngine {
        private final Supplier<ScriptEngine> factory;
        private final Set<ScriptContext<?>> contexts;
        private volatile ScriptEngine delegate;

        DeferredEngine(Supplier<ScriptEngine> factory, Set<ScriptContext<?>> contexts) {
            this.factory = factory;
            this.contexts = contexts;
        }

        ScriptEngine delegate() {
            ScriptEngine current = delegate;
            if (current == null) {
                synchronized (this) {
                    current = delegate;
                    if (current == null) {
                        current = factory.get();
                        delegate = current;
                    }
                }
            }
            return current;
        }

        @Override
        public String getType() {
            return "painless";
        }

        @Override
        public <FactoryType> FactoryType compile(String name, String code, ScriptContext<FactoryType> context,
                Map<String, String> params) {
            return delegate().compile(name, code, context, params);
        }

        @Override
        public Set<ScriptContext<?>> getSupportedContexts() {
            return contexts;
        }

        @Override
        public void close() throws IOException {
            ScriptEngine current = delegate;
            if (current != null) {
                current.close();
            }
        }
    }
}
