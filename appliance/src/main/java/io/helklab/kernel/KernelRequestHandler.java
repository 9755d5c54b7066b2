package io.helklab.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs one kernel's shell requests: executes cells (Java or a cell magic), and answers completion,
 * inspection and the informational requests.
 *
 * <p>Threading: {@link #handle} and {@link #close} run on the kernel's execution thread, one
 * request after another, as a Jupyter kernel serves its shell channel; {@link #interrupt} and
 * {@link #publishPendingOutput} are called by the I/O thread while a cell runs.
 */
final class KernelRequestHandler implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(KernelRequestHandler.class);
    private static final String STDOUT = "stdout";
    private static final String STDERR = "stderr";

    private final String kernelId;
    private final KernelEnvironment environment;
    private final Outbox outbox;
    private final ExecutionState state = new ExecutionState();
    private final AtomicReference<CellStream[]> activeStreams = new AtomicReference<>();
    private final AtomicReference<String> activeJobGroup = new AtomicReference<>();
    private final KernelQueries queries;
    private final JavaCellEvaluator evaluator;
    private int executionCount;

    KernelRequestHandler(String kernelId, KernelEnvironment environment, Outbox outbox) {
        this.kernelId = kernelId;
        this.environment = environment;
        this.outbox = outbox;
        Map<String, Object> bindings = new LinkedHashMap<>();
        if (environment.sparkSession() != null) {
            bindings.put("spark", environment.sparkSession());
        }
        bindings.putAll(environment.bindings());
        List<Class<?>> visible = environment.sparkSession() == null ? List.of() : List.of(SparkSession.class);
        this.evaluator = new JavaCellEvaluator("kernel-" + kernelId, bindings, visible, environment.imports(), state);
        this.queries = new KernelQueries(evaluator);
    }

    void handle(JupyterMessage request) {
        outbox.publishStatus(request, "busy");
        try {
            switch (request.type()) {
                case "execute_request" -> execute(request);
                case "kernel_info_request" -> outbox.reply(request, "kernel_info_reply", KernelQueries.kernelInfo());
                case "is_complete_request" -> outbox.reply(request, "is_complete_reply", queries.isComplete(request));
                case "complete_request" -> outbox.reply(request, "complete_reply", queries.complete(request));
                case "inspect_request" -> outbox.reply(request, "inspect_reply", queries.inspect(request));
                case "comm_info_request" -> outbox.reply(request, "comm_info_reply", KernelQueries.emptyCommInfo());
                case "history_request" -> outbox.reply(request, "history_reply", KernelQueries.emptyHistory());
                default -> LOGGER.info("Kernel {} ignores shell message type {}", kernelId, request.type());
            }
        } catch (RuntimeException unexpected) {
            LOGGER.warn("Kernel {} failed to answer {} {}", kernelId, request.type(), request.id(), unexpected);
        } finally {
            outbox.publishStatus(request, "idle");
        }
    }

    /**
     * Stops the running cell, if any: cancels its Spark job group and interrupts its thread.
     *
     * @return true when a cell was running
     */
    boolean interrupt() {
        boolean running = state.interrupt();
        cancelSparkJobs();
        return running;
    }

    /** Sends what the running cell printed so far; called by the I/O thread every poll round. */
    void publishPendingOutput() {
        CellStream[] streams = activeStreams.get();
        if (streams != null) {
            streams[0].publishPending();
            streams[1].publishPending();
        }
    }

    private void execute(JupyterMessage request) {
        ObjectNode content = request.content();
        String code = content.path("code").asText("");
        boolean silent = content.path("silent").asBoolean(false);
        if (!silent && content.path("store_history").asBoolean(true)) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            outbox.publish(request, "execute_input",
                    MessageCodec.json().createObjectNode().put("code", code).put("execution_count", count));
        }
        CellStream standardOutput = new CellStream(text -> publishStream(request, STDOUT, text));
        CellStream standardError = new CellStream(text -> publishStream(request, STDERR, text));
        RenderedOutcome outcome = runCell(code, standardOutput, standardError);
        if (outcome.error() != null) {
            CellOutcome error = outcome.error();
            ObjectNode errorContent = MessageCodec.json().createObjectNode()
                    .put("ename", error.errorName()).put("evalue", error.errorValue());
            error.traceback().forEach(errorContent.putArray("traceback")::add);
            outbox.publish(request, "error", errorContent.deepCopy());
            outbox.reply(request, "execute_reply", errorContent.put("status", "error").put("execution_count", count));
            return;
        }
        if (outcome.data() != null && !silent) {
            ObjectNode result = MessageCodec.json().createObjectNode().put("execution_count", count);
            result.set("data", outcome.data());
            result.putObject("metadata");
            outbox.publish(request, "execute_result", result);
        }
        ObjectNode reply = MessageCodec.json().createObjectNode().put("status", "ok").put("execution_count", count);
        reply.putObject("user_expressions");
        reply.putArray("payload");
        outbox.reply(request, "execute_reply", reply);
    }

    /** A cell's result as a MIME bundle, or its error. */
    private record RenderedOutcome(ObjectNode data, CellOutcome error) {
    }

    private RenderedOutcome runCell(String code, CellStream standardOutput, CellStream standardError) {
        String jobGroup = "helk-lab-kernel-" + kernelId + "-execution-" + executionCount + "-" + System.nanoTime();
        state.beginCell();
        activeStreams.set(new CellStream[] {standardOutput, standardError});
        activeJobGroup.set(jobGroup);
        if (environment.sparkSession() != null) {
            // local properties are inheritable thread-locals: set on the thread that runs the cell
            environment.sparkSession().sparkContext().setJobGroup(jobGroup, "HELK lab notebook cell", true);
        }
        try (AutoCloseable routing = CellOutputRouting.routeCurrentThread(standardOutput, standardError)) {
            CellOutcome outcome = CellMagicInvocation.isMagic(code)
                    ? CellMagicInvocation.parse(code).run(environment.magics(), state)
                    : evaluator.evaluate(code);
            if (state.interruptRequested()) {
                return new RenderedOutcome(null, CellOutcome.interrupted());
            }
            if (outcome.failed()) {
                return new RenderedOutcome(null, outcome);
            }
            return new RenderedOutcome(outcome.hasValue() ? render(outcome.value()) : null, null);
        } catch (Exception failure) {
            return new RenderedOutcome(null, state.interruptRequested() ? CellOutcome.interrupted()
                    : CellOutcome.exception(failure));
        } finally {
            if (environment.sparkSession() != null) {
                environment.sparkSession().sparkContext().clearJobGroup();
                if (state.interruptRequested()) {
                    cancelSparkJobs(); // a job started between the interrupt and the thread noticing it
                }
            }
            activeJobGroup.set(null);
            activeStreams.set(null);
            state.endCell();
            standardOutput.publishPending();
            standardError.publishPending();
        }
    }

    /** Renders on the execution thread, inside the job group: showing a Dataset runs Spark jobs. */
    private ObjectNode render(Object value) throws InterruptedException {
        state.enterUserCode();
        try {
            Map<String, Object> bundle;
            if (value instanceof Displayable displayable) {
                bundle = displayable.mimeBundle();
            } else if (value instanceof Dataset<?> dataset) {
                @SuppressWarnings("unchecked")
                Dataset<Row> rows = (Dataset<Row>) dataset.toDF();
                bundle = DatasetTable.render(rows, SqlCellMagic.DEFAULT_ROW_LIMIT).mimeBundle();
            } else {
                bundle = Map.of(DisplayData.TEXT_PLAIN, PlainText.of(value));
            }
            return MessageCodec.json().valueToTree(bundle);
        } finally {
            state.leaveUserCode();
        }
    }

    private void cancelSparkJobs() {
        String jobGroup = activeJobGroup.get();
        if (jobGroup != null && environment.sparkSession() != null) {
            environment.sparkSession().sparkContext().cancelJobGroup(jobGroup);
        }
    }

    private void publishStream(JupyterMessage request, String name, String text) {
        outbox.publish(request, "stream", MessageCodec.json().createObjectNode().put("name", name).put("text", text));
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
