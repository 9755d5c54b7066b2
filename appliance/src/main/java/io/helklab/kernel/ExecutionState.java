package io.helklab.kernel;

import java.util.List;

/**
 * What one kernel's snippets are doing right now: whether user code runs, whether an interrupt was
 * asked for, the raw value or throwable of the last snippet, and a refused class load.
 *
 * <p>Threading: the execution thread calls {@link #beginCell}, the enter/leave hooks and the record
 * methods; the kernel's I/O thread calls {@link #interrupt}. The execution thread is interrupted
 * only while user code runs, never while JShell compiles (an interrupt there closes the compiler's
 * open jar channels and breaks the session for good).
 */
final class ExecutionState {

    private final Object lock = new Object();
    private Thread executionThread;
    private boolean userCodeRunning;
    private boolean interruptRequested;
    private Object lastValue;
    private Throwable lastThrowable;
    private String refusal;

    /** Resets the state for a new cell run by the calling thread. */
    void beginCell() {
        synchronized (lock) {
            executionThread = Thread.currentThread();
            interruptRequested = false;
            refusal = null;
        }
    }

    /** Ends the cell; clears a late interrupt so it cannot reach the next compilation. */
    void endCell() {
        synchronized (lock) {
            executionThread = null;
            userCodeRunning = false;
            Thread.interrupted();
        }
    }

    /** Resets the per-snippet results before JShell evaluates the next snippet. */
    void beginSnippet() {
        lastValue = null;
        lastThrowable = null;
    }

    /**
     * Asks the running cell to stop: interrupts the execution thread if user code runs now, and
     * in any case makes the next snippet refuse to start.
     *
     * @return true when a cell was running
     */
    boolean interrupt() {
        synchronized (lock) {
            if (executionThread == null) {
                return false;
            }
            interruptRequested = true;
            if (userCodeRunning) {
                executionThread.interrupt();
            }
            return true;
        }
    }

    boolean interruptRequested() {
        synchronized (lock) {
            return interruptRequested;
        }
    }

    /**
     * Marks user code as running.
     *
     * @throws InterruptedException when an interrupt came before the code started
     */
    void enterUserCode() throws InterruptedException {
        synchronized (lock) {
            if (interruptRequested) {
                throw new InterruptedException("the cell was interrupted before this snippet started");
            }
            userCodeRunning = true;
        }
    }

    void leaveUserCode() {
        synchronized (lock) {
            userCodeRunning = false;
            Thread.interrupted();
        }
    }

    void recordValue(Object value) {
        lastValue = value;
    }

    void recordThrowable(Throwable throwable) {
        lastThrowable = throwable;
    }

    Object lastValue() {
        return lastValue;
    }

    Throwable lastThrowable() {
        return lastThrowable;
    }

    void refuse(String className, List<String> forbiddenCalls) {
        synchronized (lock) {
            refusal = "The cell calls " + String.join(", ", forbiddenCalls) + " (in " + className + "),"
                    + " which would or could (by reflection) stop the whole HELK lab appliance, so it was not run."
                    + " Restart or shut down the kernel from Jupyter instead.";
        }
    }

    /** The refusal message of this cell's last refused class load, or null. */
    String refusal() {
        synchronized (lock) {
            return refusal;
        }
    }

    void clearRefusal() {
        synchronized (lock) {
            refusal = null;
        }
    }
}
