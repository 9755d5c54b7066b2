package io.helklab.door.process;

import java.nio.file.Path;
import java.util.List;

/**
 * A JVM that supervises {@code sleep 600} and prints the sleep's pid, for testing what happens
 * when such a JVM is SIGKILLed. Arguments: a scratch directory for the log.
 */
public final class SupervisedSleep {
    private SupervisedSleep() {}

    public static void main(String[] arguments) throws Exception {
        Path directory = Path.of(arguments[0]);
        Supervisor supervisor = new Supervisor(ChildProcessSpec.of("sleeper", List.of("sleep", "600"), directory,
                directory.resolve("sleeper.log")));
        supervisor.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (supervisor.pid().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        System.out.println("PID " + supervisor.pid().orElseThrow());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
