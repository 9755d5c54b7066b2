package io.helklab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.analytics.HuntData;
import io.helklab.elasticsearch.ElasticsearchHttp;
import io.helklab.graph.HuntGraphs;
import io.helklab.graph.Motifs;
import io.helklab.hunting.Beaconing;
import io.helklab.hunting.CommandLineClusters;
import io.helklab.hunting.RareProcesses;
import io.helklab.hunting.ScenarioRanks;
import io.helklab.kernel.DatasetTable;
import io.helklab.kernel.DisplayData;
import io.helklab.kernel.Displayable;
import io.helklab.samples.SampleCatalog;
import io.helklab.scenarios.LoadedSamples;
import io.helklab.schema.IndexNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.graphframes.GraphFrame;

/**
 * What a notebook sees as {@code lab}: the hunt data as Spark SQL, the ready-made graphs (GraphFrames), the
 * machine-learning hunts (Spark MLlib), Elasticsearch search, charts and the scenario checks of the training
 * notebooks.
 *
 * <pre>{@code
 * lab.show(lab.sql("SELECT process_name, count(*) AS n FROM sysmon GROUP BY process_name ORDER BY n DESC"))
 * lab.processTree().find("(a)-[]->(b); (b)-[]->(c)").where("c.process_name = 'powershell.exe'")
 * lab.topN(lab.events("sysmon"), "process_name", 10)
 * lab.show(lab.beaconing(lab.sysmonDuring("periodic-beaconing")))
 * lab.check("encoded-powershell-cradle", foundGuid)
 * }</pre>
 *
 * <p>A façade on purpose: cells run inside the appliance's JVM, so they get the data and the Spark session,
 * never the services themselves (nothing here stops Kafka or Elasticsearch, and the kernel refuses
 * {@code System.exit}). Lifecycle: created once the appliance is running; its methods fail with
 * {@link IllegalStateException} naming the cause once the appliance stopped. Thread-safe: several notebooks
 * share one instance.
 */
public final class Lab {
    /** What {@link #search(String)} searches: every HELK event index. */
    public static final String EVENT_INDICES = String.join(",", IndexNames.WINEVENT_PATTERN, IndexNames.CATCH_ALL_PATTERN,
            IndexNames.SYSMON_JOIN_PATTERN);
    private static final int DEFAULT_SEARCH_SIZE = 100;
    private static final int DEFAULT_SHOW_ROWS = 20;

    private final SparkSession spark;
    private final HuntData huntData;
    private final String elasticsearchUrl;
    private final String kafkaBootstrapServers;
    private final ElasticsearchHttp elasticsearch;

    /**
     * @param spark                 the appliance's Spark session
     * @param huntData              the hunt tables over Elasticsearch
     * @param elasticsearchUrl      {@code http://127.0.0.1:<port>}
     * @param kafkaBootstrapServers Kafka's bootstrap servers on this machine; may be null
     */
    public Lab(SparkSession spark, HuntData huntData, String elasticsearchUrl, String kafkaBootstrapServers) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.huntData = Objects.requireNonNull(huntData, "huntData");
        this.elasticsearchUrl = Objects.requireNonNull(elasticsearchUrl, "elasticsearchUrl");
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.elasticsearch = new ElasticsearchHttp(elasticsearchUrl);
    }

    /** The appliance's Spark session (the same as the cells' {@code spark}). */
    public SparkSession spark() {
        return spark;
    }

    /**
     * Registers hunt tables for indices that appeared since the last call (new days, new channels) and
     * returns their names. {@link #sql}, {@link #events} and the graphs do this themselves; call it before
     * {@code %%sql} cells when data arrived after the kernel's last query.
     */
    public Set<String> refresh() {
        return huntData.refresh();
    }

    /** Spark SQL over the hunt tables ({@code sysmon}, {@code security}, ..., {@code sysmon_join}, one view per index). */
    public Dataset<Row> sql(String query) {
        return huntData.sql(query);
    }

    /** One channel's events across all days: {@code sysmon}, {@code security}, ..., {@code sysmon_join}. */
    public Dataset<Row> events(String channel) {
        return huntData.events(channel);
    }

    /** Any index, pattern or comma-separated list of them, e.g. {@code sysmon-join-*}. */
    public Dataset<Row> table(String index) {
        return huntData.index(index, false);
    }

    /** The Sysmon process tree as a GraphFrame: vertices are processes (id = GUID), edges parent → child. */
    public GraphFrame processTree() {
        return huntData.processTree();
    }

    /** Processes and the network destinations they connected to. */
    public GraphFrame processNetwork() {
        return huntData.processNetwork();
    }

    /** Logon sessions (Security 4624) and the processes started in them. */
    public GraphFrame logonProcess() {
        return huntData.logonProcess();
    }

    /** A GraphFrame of your own: vertices with an {@code id} column, edges with {@code src} and {@code dst}. */
    public GraphFrame graph(Dataset<Row> vertices, Dataset<Row> edges) {
        return HuntGraphs.graph(vertices, edges);
    }

    /**
     * The motif in the process tree, e.g. {@code lab.motif("(a)-[]->(b); (b)-[]->(c)")}; a mistake in the motif
     * is an error that says what is wrong and how GraphFrames wants it written.
     */
    public Dataset<Row> motif(String motif) {
        return Motifs.find(processTree(), motif);
    }

    /** The motif in any GraphFrame (one of the ready-made graphs or your own), with the same errors. */
    public Dataset<Row> motif(GraphFrame graph, String motif) {
        return Motifs.find(graph, motif);
    }

    /**
     * Least frequent parent → child process pairs in all Sysmon events, rarest first, with the reasons and the
     * process creations behind each pair (see {@link RareProcesses#pairs}).
     */
    public Dataset<Row> rareProcessPairs() {
        return RareProcesses.pairs(events("sysmon"));
    }

    /** {@link #rareProcessPairs()} over the events you pass, e.g. {@code lab.sysmonDuring("periodic-beaconing")}. */
    public Dataset<Row> rareProcessPairs(Dataset<Row> sysmon) {
        return RareProcesses.pairs(sysmon);
    }

    /** Least frequent processes per host, by how rarely they ran there and how few hosts ran them. */
    public Dataset<Row> rareProcesses() {
        return RareProcesses.perHost(events("sysmon"));
    }

    /** {@link #rareProcesses()} over the events you pass. */
    public Dataset<Row> rareProcesses(Dataset<Row> sysmon) {
        return RareProcesses.perHost(sysmon);
    }

    /**
     * Command lines clustered with TF-IDF and k-means (Spark MLlib), outliers first: lines in small, distant
     * clusters that ran rarely (see {@link CommandLineClusters#outliers}). Fits the model before returning.
     */
    public Dataset<Row> commandLineOutliers() {
        return CommandLineClusters.outliers(events("sysmon"));
    }

    /** {@link #commandLineOutliers()} over the events you pass. */
    public Dataset<Row> commandLineOutliers(Dataset<Row> sysmon) {
        return CommandLineClusters.outliers(sysmon);
    }

    /**
     * Connection series per process and destination, most periodic first: mean, median and deviation of the
     * intervals and their jitter (see {@link Beaconing#series(Dataset, int)}).
     */
    public Dataset<Row> beaconing() {
        return Beaconing.series(events("sysmon"));
    }

    /** {@link #beaconing()} over the events you pass. */
    public Dataset<Row> beaconing(Dataset<Row> sysmon) {
        return Beaconing.series(sysmon);
    }

    /** The Sysmon events of a sample scenario's window (its day), for hunting one day at a time. */
    public Dataset<Row> sysmonDuring(String scenario) {
        return ScenarioRanks.window(events("sysmon"), SampleCatalog.find(scenario));
    }

    /** The ready-made graphs by the names {@code %%graph} knows them. */
    public Map<String, Supplier<GraphFrame>> namedGraphs() {
        Map<String, Supplier<GraphFrame>> graphs = new LinkedHashMap<>();
        graphs.put("processTree", this::processTree);
        graphs.put("processNetwork", this::processNetwork);
        graphs.put("logonProcess", this::logonProcess);
        return graphs;
    }

    /** A Lucene query over every event index, the first 100 hits (Kibana's search bar syntax). */
    public List<Map<String, Object>> search(String luceneQuery) {
        return search(EVENT_INDICES, luceneQuery, DEFAULT_SEARCH_SIZE);
    }

    /**
     * A Lucene query ({@code query_string}) over an index pattern.
     *
     * @return each hit's {@code _source} with {@code _index} and {@code _id} added, best first
     */
    public List<Map<String, Object>> search(String index, String luceneQuery, int size) {
        Map<String, Object> body = Map.of("size", size, "query", Map.of("query_string", Map.of("query", luceneQuery)));
        ElasticsearchHttp.Response response;
        try {
            response = elasticsearch.post("/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true", body);
        } catch (IOException failure) {
            throw new IllegalStateException("Elasticsearch at " + elasticsearchUrl + " did not answer a search on "
                    + index + ": " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The search on " + index + " was interrupted", interrupted);
        }
        if (!response.ok()) {
            throw new IllegalArgumentException("Elasticsearch refused the search '" + luceneQuery + "' on " + index
                    + " (HTTP " + response.status() + "): " + response.body());
        }
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> hits = new ArrayList<>();
        for (JsonNode hit : response.body().path("hits").path("hits")) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("_index", hit.path("_index").asText());
            document.put("_id", hit.path("_id").asText());
            @SuppressWarnings("unchecked")
            Map<String, Object> source = json.convertValue(hit.path("_source"), Map.class);
            source.remove("event_original_message");
            document.putAll(source);
            hits.add(document);
        }
        return hits;
    }

    /** {@code http://127.0.0.1:<port>} of Elasticsearch (also {@code HELK_ES_URL} for Python notebooks). */
    public String elasticsearchUrl() {
        return elasticsearchUrl;
    }

    /** Kafka's bootstrap servers for clients on this machine, e.g. to read {@code SYSMON_JOIN}. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The first 20 rows as a table. */
    public DisplayData show(Dataset<Row> dataset) {
        return DatasetTable.render(dataset, DEFAULT_SHOW_ROWS);
    }

    /** The first {@code rows} rows as a table, with the total count. */
    public DisplayData show(Dataset<Row> dataset, int rows) {
        return DatasetTable.render(dataset, rows);
    }

    /** Events over time, as a bar chart of about 48 buckets; {@code timeColumn} is usually {@code @timestamp}. */
    public DisplayData timeHistogram(Dataset<Row> dataset, String timeColumn) {
        return Charts.timeHistogram(dataset, timeColumn);
    }

    /** The {@code n} most frequent values of a column, as bars. */
    public DisplayData topN(Dataset<Row> dataset, String column, int n) {
        return Charts.topN(dataset, column, n);
    }

    /** The names of the sample scenarios loaded into this appliance. */
    public List<String> loadedScenarios() {
        try {
            return new LoadedSamples(elasticsearch).all().stream().map(LoadedSamples.Entry::scenario).distinct().toList();
        } catch (IOException failure) {
            throw new IllegalStateException("Could not read the loaded scenarios from " + elasticsearchUrl, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Reading the loaded scenarios was interrupted", interrupted);
        }
    }

    /**
     * Checks a loaded scenario against its answer key (the same checks as {@code helk-lab samples verify}).
     *
     * @return a pass/fail table
     * @throws ScenarioCheck.ScenarioCheckFailedException when a check fails, so the notebook run fails
     */
    public Displayable check(String scenario) {
        return new ScenarioCheck(elasticsearchUrl).run(scenario, null);
    }

    /**
     * As {@link #check(String)}, and also checks that {@code finding} (a GUID, path, command line you found)
     * equals one of the answer key's values.
     */
    public Displayable check(String scenario, String finding) {
        Objects.requireNonNull(finding, "finding: pass the GUID (or other value) your hunt found");
        return new ScenarioCheck(elasticsearchUrl).run(scenario, finding);
    }

    @Override
    public String toString() {
        return "HELK lab (Spark " + spark.version() + ", Elasticsearch " + elasticsearchUrl + ")";
    }
}
