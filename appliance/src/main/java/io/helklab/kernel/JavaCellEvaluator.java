package io.helklab.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs Java cells with JShell in this JVM, one JShell per kernel, so snippets see live objects.
 *
 * <p>Lifecycle: built with the kernel's bindings declared as variables; closed with the kernel.
 * Threading: not thread-safe; the kernel's execution thread makes every call (JShell is not
 * thread-safe either). A cell is split into snippets that run in order; the first failing snippet
 * ends the cell. Failures are returned as {@link CellOutcome}s, never thrown.
 */
final class JavaCellEvaluator implements AutoCloseable {

    private final JShell shell;
    private final ExecutionState state;
    private final String kernelKey;

    JavaCellEvaluator(String kernelKey, Map<String, Object> bindings, Collection<Class<?>> classesCellsMustSee,
            List<String> imports, ExecutionState state) {
        this.state = state;
        this.kernelKey = kernelKey;
        ClassLoader parent = JavaCellEvaluator.class.getClassLoader();
        this.shell = JShell.builder()
                .executionEngine(GuardedExecutionControl.provider(parent, state), Map.of())
                .build();
        try {
            List<Class<?>> visible = new ArrayList<>(classesCellsMustSee);
            visible.add(JavaCellEvaluator.class);
            bindings.values().forEach(value -> visible.add(value.getClass()));
            shell.addToClasspath(String.join(File.pathSeparator, ApplicationClassPath.entries(visible)));
            for (String importStatement : imports) {
                declare(importStatement);
            }
            KernelBindings.register(kernelKey, bindings);
            for (Map.Entry<String, Object> binding : bindings.entrySet()) {
                String type = KernelBindings.declaredType(binding.getValue()).getCanonicalName();
                declare(type + " " + binding.getKey() + " = (" + type + ") " + KernelBindings.class.getName()
                        + ".lookup(\"" + kernelKey + "\", \"" + binding.getKey() + "\");");
            }
        } catch (RuntimeException failure) {
            KernelBindings.unregister(kernelKey);
            shell.close();
            throw failure;
        }
    }

    /** Runs a cell's Java code and returns the value of its last expression, if it has one. */
    CellOutcome evaluate(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        CellOutcome outcome = CellOutcome.nothing();
        while (!remaining.isBlank()) {
            if (state.interruptRequested()) {
                return CellOutcome.interrupted();
            }
            SourceCodeAnalysis.CompletionInfo completion = analysis.analyzeCompletion(remaining);
            if (completion.completeness() == Completeness.EMPTY) {
                break;
            }
            String source;
            if (completion.completeness().isComplete()) {
                source = completion.source();
                remaining = completion.remaining();
            } else {
                source = remaining; // let JShell report what is wrong with it
                remaining = "";
            }
            outcome = evaluateSnippet(source);
            if (outcome.failed()) {
                return outcome;
            }
        }
        return outcome;
    }

    private CellOutcome evaluateSnippet(String source) {
        state.beginSnippet();
        List<SnippetEvent> events = shell.eval(source);
        if (state.refusal() != null) {
            String refusal = state.refusal();
            state.clearRefusal();
            events.stream().filter(event -> event.causeSnippet() == null)
                    .forEach(event -> shell.drop(event.snippet()));
            return CellOutcome.error("ExitRefused", refusal, List.of("ExitRefused: " + refusal));
        }
        CellOutcome outcome = CellOutcome.nothing();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet's update, not this one
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                return compilationError(snippet);
            }
            if (event.exception() != null) {
                return failure(event.exception());
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                System.err.println("Note: " + snippet.source().strip().lines().findFirst().orElse("")
                        + " was declared but cannot be used until "
                        + shell.unresolvedDependencies((DeclarationSnippet) snippet)
                                .collect(Collectors.joining(", ")) + " exist(s).");
            }
            if (showsValue(snippet)) {
                outcome = CellOutcome.value(state.lastValue());
            }
        }
        return outcome;
    }

    private static boolean showsValue(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private CellOutcome failure(JShellException exception) {
        if (state.interruptRequested()) {
            return CellOutcome.interrupted();
        }
        if (state.lastThrowable() != null) {
            return CellOutcome.exception(state.lastThrowable());
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            String message = unresolved.getSnippet().source().strip() + " cannot be used until "
                    + shell.unresolvedDependencies(unresolved.getSnippet()).collect(Collectors.joining(", "))
                    + " exist(s)";
            return CellOutcome.error("UnresolvedReference", message, List.of("UnresolvedReference: " + message));
        }
        String name = exception instanceof EvalException evaluation
                ? evaluation.getExceptionClassName() : exception.getClass().getName();
        return CellOutcome.error(name, String.valueOf(exception.getMessage()),
                List.of(name + ": " + exception.getMessage()));
    }

    private CellOutcome compilationError(Snippet snippet) {
        List<String> lines = new ArrayList<>();
        String source = snippet.source();
        List<Diag> diagnostics = shell.diagnostics(snippet).filter(Diag::isError).toList();
        for (Diag diagnostic : diagnostics) {
            lines.add("error: " + diagnostic.getMessage(Locale.ROOT));
            int position = (int) Math.max(0, Math.min(source.length(), diagnostic.getStartPosition()));
            int lineStart = source.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
            int lineEnd = source.indexOf('\n', position);
            lines.add("    " + source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd));
            lines.add("    " + " ".repeat(Math.max(0, position - lineStart)) + "^");
        }
        if (diagnostics.isEmpty()) {
            lines.add("error: JShell rejected: " + source.strip());
        }
        String summary = diagnostics.isEmpty() ? "the snippet was rejected"
                : diagnostics.get(0).getMessage(Locale.ROOT);
        return CellOutcome.error("CompilationError", summary, lines);
    }

    private void declare(String source) {
        for (SnippetEvent event : shell.eval(source)) {
            if (event.status() == Snippet.Status.REJECTED || event.exception() != null) {
                String problems = shell.diagnostics(event.snippet())
                        .map(diagnostic -> diagnostic.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("; "));
                throw new IllegalStateException("The kernel could not declare '" + source + "': "
                        + (problems.isEmpty() ? String.valueOf(event.exception()) : problems)
                        + ". Is the class on the appliance's class path?");
            }
        }
    }

    SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    @Override
    public void close() {
        KernelBindings.unregister(kernelKey);
        shell.close();
    }
}
