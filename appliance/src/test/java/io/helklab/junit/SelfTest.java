package io.helklab.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs test classes of the fixture's own tests through {@link EngineTestKit} in this JVM, where they
 * share the appliance already running. The classes carry {@code @ExtendWith(SelfTest.Only.class)} so
 * that an IDE or a build that finds them directly skips them: some fail on purpose.
 */
final class SelfTest {
    static final String PARAMETER = "helklab.fixture.selftest";

    private SelfTest() {}

    static EngineExecutionResults run(boolean parallel, Class<?>... testClasses) {
        List<ClassSelector> selectors = Arrays.stream(testClasses).map(testClass -> selectClass(testClass)).toList();
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectors.toArray(ClassSelector[]::new))
                .configurationParameter(PARAMETER, "true")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", Boolean.toString(parallel))
                .execute();
    }

    /** The failures of every test and container, in the order they were reported. */
    static List<Throwable> failures(EngineExecutionResults results) {
        return results.allEvents().failed().stream().map(SelfTest::throwable).toList();
    }

    private static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError("a failed event without a throwable: " + event));
    }

    /** Enables a class only inside {@link SelfTest#run}. */
    static final class Only implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by the fixture's own tests")
                    : ConditionEvaluationResult.disabled("runs only inside the fixture's own tests, through EngineTestKit");
        }
    }
}
