package io.helklab.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution in the calling thread of the appliance JVM, with two additions: classes that
 * call {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt} are refused before they are
 * defined, and each snippet's raw value or exception is kept in the {@link ExecutionState} (JShell
 * itself only reports their strings).
 *
 * <p>Unlike JShell's {@code LocalExecutionControl} this runs the snippet on the thread that calls
 * {@code JShell.eval} (the kernel's execution thread), so Spark's thread-local job group applies to
 * it, and it installs no JVM-wide uncaught-exception handler. {@code stop()} is not supported:
 * interrupts go through {@link ExecutionState#interrupt()}.
 */
final class GuardedExecutionControl extends DirectExecutionControl {

    private final ExecutionState state;

    private GuardedExecutionControl(SnippetLoaderDelegate loaderDelegate, ExecutionState state) {
        super(loaderDelegate);
        this.state = state;
    }

    /** A provider that hands JShell this control; JShell calls {@code generate} once, at build time. */
    static ExecutionControlProvider provider(ClassLoader parent, ExecutionState state) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "helk-lab-guarded";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv environment, Map<String, String> parameters) {
                return new GuardedExecutionControl(new SnippetLoaderDelegate(parent), state);
            }
        };
    }

    @Override
    public void load(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        for (ClassBytecodes bytecodes : classes) {
            List<String> forbidden = ExitCallScanner.forbiddenCalls(bytecodes.bytecodes());
            if (!forbidden.isEmpty()) {
                state.refuse(bytecodes.name(), forbidden);
                throw new ClassInstallException("refused " + bytecodes.name() + ": it calls " + forbidden,
                        new boolean[classes.length]);
            }
        }
        super.load(classes);
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        try {
            state.enterUserCode();
            Object value = doit.invoke(null);
            state.recordValue(value);
            return valueString(value);
        } catch (InterruptedException beforeStart) {
            state.recordThrowable(beforeStart);
            throw new InvocationTargetException(beforeStart);
        } catch (InvocationTargetException failure) {
            state.recordThrowable(failure.getCause());
            throw failure;
        } finally {
            state.leaveUserCode();
        }
    }
}
