package io.helklab.kernel;

import java.util.List;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers the shell requests that do not run code: kernel_info, is_complete, complete, inspect,
 * comm_info and history. Uses JShell's source code analysis, so it runs on the execution thread.
 *
 * <p>Jupyter counts cursor positions in Unicode code points, Java in UTF-16 units; the conversion
 * happens here.
 */
final class KernelQueries {

    private final JavaCellEvaluator evaluator;

    KernelQueries(JavaCellEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    static ObjectNode kernelInfo() {
        ObjectNode reply = MessageCodec.json().createObjectNode()
                .put("status", "ok")
                .put("protocol_version", MessageCodec.PROTOCOL_VERSION)
                .put("implementation", "helk-lab")
                .put("implementation_version", implementationVersion())
                .put("banner", "HELK lab notebook kernel: Java " + Runtime.version().feature()
                        + " (JShell) in the appliance JVM, with Spark SQL (%%sql)");
        reply.putObject("language_info")
                .put("name", "java")
                .put("version", Runtime.version().toString())
                .put("mimetype", "text/x-java-source")
                .put("file_extension", ".java")
                .put("codemirror_mode", "text/x-java")
                .put("pygments_lexer", "java");
        reply.putArray("help_links");
        return reply;
    }

    static ObjectNode emptyCommInfo() {
        ObjectNode reply = MessageCodec.json().createObjectNode().put("status", "ok");
        reply.putObject("comms");
        return reply;
    }

    static ObjectNode emptyHistory() {
        ObjectNode reply = MessageCodec.json().createObjectNode().put("status", "ok");
        reply.putArray("history");
        return reply;
    }

    ObjectNode isComplete(JupyterMessage request) {
        String code = request.content().path("code").asText("");
        ObjectNode reply = MessageCodec.json().createObjectNode();
        if (CellMagicInvocation.isMagic(code)) {
            return reply.put("status", "complete");
        }
        SourceCodeAnalysis analysis = evaluator.analysis();
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            if (completeness == Completeness.DEFINITELY_INCOMPLETE
                    || completeness == Completeness.CONSIDERED_INCOMPLETE) {
                return reply.put("status", "incomplete").put("indent", "    ");
            }
            if (completeness == Completeness.UNKNOWN) {
                return reply.put("status", "invalid");
            }
            remaining = info.remaining();
        }
        return reply.put("status", "complete");
    }

    ObjectNode complete(JupyterMessage request) {
        String code = request.content().path("code").asText("");
        int cursor = cursor(request, code);
        ObjectNode reply = MessageCodec.json().createObjectNode().put("status", "ok");
        ArrayNode matches = reply.putArray("matches");
        reply.putObject("metadata");
        int start = cursor;
        if (!CellMagicInvocation.isMagic(code)) {
            int[] anchor = new int[1];
            List<SourceCodeAnalysis.Suggestion> suggestions =
                    evaluator.analysis().completionSuggestions(code, cursor, anchor);
            suggestions.stream().map(SourceCodeAnalysis.Suggestion::continuation).distinct().forEach(matches::add);
            start = anchor[0];
        }
        return reply.put("cursor_start", code.codePointCount(0, start)).put("cursor_end", code.codePointCount(0, cursor));
    }

    ObjectNode inspect(JupyterMessage request) {
        String code = request.content().path("code").asText("");
        int cursor = cursor(request, code);
        ObjectNode reply = MessageCodec.json().createObjectNode().put("status", "ok");
        ObjectNode data = reply.putObject("data");
        reply.putObject("metadata");
        List<SourceCodeAnalysis.Documentation> documentation = CellMagicInvocation.isMagic(code)
                ? List.of() : evaluator.analysis().documentation(code, cursor, false);
        if (documentation.isEmpty()) {
            return reply.put("found", false);
        }
        StringBuilder text = new StringBuilder();
        documentation.forEach(entry -> text.append(entry.signature()).append('\n'));
        data.put(DisplayData.TEXT_PLAIN, text.toString().strip());
        return reply.put("found", true);
    }

    /** The request's {@code cursor_pos} (code points, default: the end) as an index into {@code code}. */
    private static int cursor(JupyterMessage request, String code) {
        int codePoints = request.content().path("cursor_pos").asInt(code.length());
        int bounded = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, bounded);
    }

    private static String implementationVersion() {
        String version = KernelQueries.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
