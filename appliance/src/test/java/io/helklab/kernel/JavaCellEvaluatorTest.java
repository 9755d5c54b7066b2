package io.helklab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JavaCellEvaluatorTest {

    private final ExecutionState state = new ExecutionState();
    private JavaCellEvaluator evaluator;

    @BeforeEach
    void createEvaluator() {
        evaluator = new JavaCellEvaluator("evaluator-test", Map.of("numbers", List.of(1, 2, 3)), List.of(),
                List.of("import io.helklab.kernel.*;"), state);
    }

    @AfterEach
    void closeEvaluator() {
        evaluator.close();
    }

    private CellOutcome evaluate(String code) {
        state.beginCell();
        try {
            return evaluator.evaluate(code);
        } finally {
            state.endCell();
        }
    }

    @Test
    void lastExpressionIsTheValueAndTheLiveObjectIsReturned() {
        CellOutcome outcome = evaluate("int base = 40;\nvar list = new java.util.ArrayList<String>();\nlist.add(\"x\");\nlist");
        assertThat(outcome.failed()).as("%s", outcome).isFalse();
        assertThat(outcome.value()).isInstanceOf(java.util.ArrayList.class).asList().containsExactly("x");
        assertThat(evaluate("base + 2").value()).isEqualTo(42);
    }

    @Test
    void declarationsShowNoValue() {
        CellOutcome outcome = evaluate("int unused = 5;");
        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.hasValue()).isFalse();
    }

    @Test
    void bindingsAreTypedVariables() {
        assertThat(evaluate("numbers.size() * 10 + numbers.indexOf(2)").value()).isEqualTo(31);
    }

    @Test
    void exceptionsBecomeErrorsWithTheRealClass() {
        CellOutcome outcome = evaluate("int first = 1;\nthrow new IllegalArgumentException(\"bad \" + first);\nint never = 2;");
        assertThat(outcome.errorName()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(outcome.errorValue()).isEqualTo("bad 1");
        assertThat(evaluate("never").errorName()).as("snippets after a failure do not run").isEqualTo("CompilationError");
    }

    @Test
    void compilationErrorsCarryDiagnostics() {
        CellOutcome outcome = evaluate("String text = 42;");
        assertThat(outcome.errorName()).isEqualTo("CompilationError");
        assertThat(outcome.traceback()).anyMatch(line -> line.contains("incompatible types"))
                .anyMatch(line -> line.contains("String text = 42;"));
    }

    @Test
    void exitCallsAreRefusedAndNothingIsDefined() {
        assertThat(evaluate("System.exit(0);").errorName()).isEqualTo("ExitRefused");
        assertThat(evaluate("Runtime.getRuntime().halt(1);").errorValue()).contains("java.lang.Runtime.halt");
        assertThat(evaluate("java.util.function.IntConsumer quit = System::exit;").errorName()).isEqualTo("ExitRefused");
        assertThat(evaluate("quit").errorName()).isEqualTo("CompilationError");
        assertThat(evaluate("1 + 1").value()).isEqualTo(2);
    }

    @Test
    void reflectiveExitCallsAreRefusedToo() {
        assertThat(evaluate("System.class.getMethod(\"exit\", int.class).invoke(null, 0);").errorName())
                .isEqualTo("ExitRefused");
        assertThat(evaluate("java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\","
                + " java.lang.invoke.MethodType.methodType(void.class, int.class)).invokeExact(0);").errorName())
                .isEqualTo("ExitRefused");
        assertThat(evaluate("new java.beans.Statement(Runtime.getRuntime(), \"halt\", new Object[] {0}).execute();")
                .errorName()).isEqualTo("ExitRefused");
        assertThat(evaluate("1 + 1").value()).isEqualTo(2);
    }

    @Test
    void displayablesAreReturnedAsObjects() {
        Object value = evaluate("DisplayData.html(\"<b>x</b>\", \"x\")").value();
        assertThat(value).isInstanceOf(Displayable.class);
        assertThat(((Displayable) value).mimeBundle()).containsEntry("text/html", "<b>x</b>");
    }

    @Test
    void anInterruptBeforeASnippetStopsTheCell() {
        state.beginCell();
        try {
            state.interrupt();
            assertThat(evaluator.evaluate("int late = 1;").errorName()).isEqualTo("Interrupted");
        } finally {
            state.endCell();
        }
    }

    @Test
    void interruptStopsASleepingCell() throws Exception {
        Thread interrupter = new Thread(() -> {
            while (!state.interrupt()) {
                Thread.onSpinWait();
            }
        });
        state.beginCell();
        try {
            interrupter.start();
            CellOutcome outcome = evaluator.evaluate("Thread.sleep(600_000);");
            assertThat(outcome.errorName()).isEqualTo("Interrupted");
        } finally {
            state.endCell();
            interrupter.join();
        }
        assertThat(evaluate("3").value()).isEqualTo(3);
    }
}
