package io.helklab.door.process;

import io.helklab.service.Service;
import io.helklab.service.ServiceHealth;
import io.helklab.service.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one optional child process (Jupyter, Kibana) running as a {@link Service}.
 *
 * <p>Lifecycle: {@link #start()} launches the child and waits at most the spec's start wait for it
 * to become ready; it never throws because of the child, since a missing or broken optional
 * service must not stop the appliance. A child that exits or is not ready in time is restarted
 * with exponential backoff and reported {@code down} after repeated failures (and still retried).
 * {@link #close()} stops the child (SIGTERM, SIGKILL after the grace period) and returns once it is
 * gone. A supervisor made with {@link #notInstalled} runs nothing and reports {@code not installed}.
 *
 * <p>Threading: all launching, probing and restarting happens on one daemon thread per supervisor;
 * {@link #health()} reads volatile state and never blocks.
 */
public final class Supervisor implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private enum Phase { NEW, STARTING, UP, RESTARTING, DOWN, NOT_INSTALLED, STOPPED }

    private final String name;
    private final ChildProcessSpec spec;
    private final String installHint;
    private final ScheduledExecutorService thread;
    private final CountDownLatch firstOutcome = new CountDownLatch(1);
    private volatile Phase phase = Phase.NEW;
    private volatile ChildProcess current;
    private volatile String lastFailure;
    private volatile String exitReason;
    private volatile String readyActionFailure;
    private volatile Instant upSince;
    private volatile int consecutiveFailures;
    private volatile int restarts;

    public Supervisor(ChildProcessSpec spec) {
        this(spec.name(), Objects.requireNonNull(spec, "spec"), null);
    }

    private Supervisor(String name, ChildProcessSpec spec, String installHint) {
        this.name = name;
        this.spec = spec;
        this.installHint = installHint;
        this.thread = spec == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, "helk-supervisor-" + name);
            daemon.setDaemon(true);
            return daemon;
        });
    }

    /** A supervisor for something that is not installed: it reports {@code not installed} with the hint. */
    public static Supervisor notInstalled(String name, String installHint) {
        Supervisor supervisor = new Supervisor(name, null, Objects.requireNonNull(installHint, "installHint"));
        supervisor.phase = Phase.NOT_INSTALLED;
        return supervisor;
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether there is something to run; false for {@link #notInstalled}. */
    public boolean installed() {
        return spec != null;
    }

    /** What to do to install the missing program, for {@link #notInstalled} supervisors. */
    public Optional<String> installHint() {
        return Optional.ofNullable(installHint);
    }

    @Override
    public void start() {
        if (spec == null) {
            LOG.info("{} is not installed: {}", name, installHint);
            return;
        }
        if (phase != Phase.NEW) {
            throw new IllegalStateException(name + " was already started; create a new supervisor");
        }
        phase = Phase.STARTING;
        thread.execute(this::launch);
        try {
            if (!firstOutcome.await(spec.startWait().toMillis(), TimeUnit.MILLISECONDS) && !spec.startWait().isZero()) {
                LOG.warn("{} is not ready after {} s; it keeps starting in the background (log {})", name,
                        spec.startWait().toSeconds(), spec.logFile());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void launch() {
        if (phase == Phase.STOPPED) {
            return;
        }
        ChildProcess process;
        try {
            process = ChildProcess.launch(spec);
        } catch (Exception failure) {
            LOG.warn("{} could not be started: {}", name, failure.toString());
            failed("could not be started: " + failure.getMessage());
            return;
        }
        current = process;
        process.onExit().thenRun(() -> execute(() -> exited(process)));
        awaitReady(process);
    }

    private void awaitReady(ChildProcess process) {
        long deadline = System.nanoTime() + spec.readyTimeout().toNanos();
        while (process.isAlive() && phase != Phase.STOPPED) {
            if (probe()) {
                becameReady(process);
                return;
            }
            if (System.nanoTime() > deadline) {
                exitReason = "not ready within " + spec.readyTimeout().toSeconds() + " s";
                LOG.warn("{} is {}; restarting it (log {})", name, exitReason, spec.logFile());
                process.stop(spec.stopGrace());
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    private boolean probe() {
        try {
            return spec.probe().ready();
        } catch (Exception notYet) {
            return false;
        }
    }

    private void becameReady(ChildProcess process) {
        lastFailure = null;
        upSince = Instant.now();
        phase = Phase.UP;
        LOG.info("{} is ready (pid {})", name, process.pid().map(String::valueOf).orElse("?"));
        try {
            spec.onReady().run();
            readyActionFailure = null;
        } catch (Exception failure) {
            readyActionFailure = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            LOG.warn("{} is up, but its setup failed: {}", name, readyActionFailure, failure);
        }
        firstOutcome.countDown();
    }

    private void exited(ChildProcess process) {
        if (phase == Phase.STOPPED || process != current) {
            return;
        }
        String reason = exitReason != null ? exitReason : "exited with code " + process.exitCode();
        exitReason = null;
        LOG.warn("{} {} (log {})", name, reason, spec.logFile());
        failed(reason);
    }

    private void failed(String reason) {
        Instant since = upSince;
        if (since != null && Duration.between(since, Instant.now()).compareTo(spec.restart().maximumBackoff()) >= 0) {
            // It ran for longer than the longest backoff: a fresh failure, not one more of a series.
            consecutiveFailures = 0;
        }
        lastFailure = reason;
        upSince = null;
        int failures = ++consecutiveFailures;
        phase = failures >= spec.restart().downAfter() ? Phase.DOWN : Phase.RESTARTING;
        if (phase == Phase.DOWN) {
            firstOutcome.countDown();
        }
        Duration wait = spec.restart().backoff(failures);
        LOG.info("restarting {} in {} ms (failure {} in a row)", name, wait.toMillis(), failures);
        schedule(() -> {
            restarts++;
            launch();
        }, wait);
    }

    private void execute(Runnable task) {
        if (!thread.isShutdown()) {
            thread.execute(task);
        }
    }

    private void schedule(Runnable task, Duration delay) {
        if (!thread.isShutdown()) {
            thread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The pid of the running command, if any (for tests and diagnostics). */
    public Optional<Long> pid() {
        ChildProcess process = current;
        return process == null || phase == Phase.STOPPED ? Optional.empty() : process.pid();
    }

    @Override
    public ServiceHealth health() {
        Phase now = phase;
        ServiceStatus status = switch (now) {
            case NEW, STARTING, RESTARTING -> ServiceStatus.STARTING;
            case UP -> ServiceStatus.UP;
            case DOWN, STOPPED -> ServiceStatus.DOWN;
            case NOT_INSTALLED -> ServiceStatus.NOT_INSTALLED;
        };
        Map<String, Object> details = new LinkedHashMap<>();
        if (installHint != null) {
            details.put("install", installHint);
        }
        if (spec != null) {
            details.put("log", spec.logFile().toString());
            details.put("restarts", restarts);
            ChildProcess process = current;
            if (now == Phase.UP && process != null) {
                process.pid().ifPresent(pid -> details.put("pid", pid));
            }
            Instant since = upSince;
            if (since != null) {
                details.put("up_since", since.toString());
            }
        }
        String failure = lastFailure;
        if (failure != null) {
            details.put("last_failure", failure);
        }
        String setupFailure = readyActionFailure;
        if (setupFailure != null) {
            details.put("setup_failure", setupFailure);
        }
        return new ServiceHealth(status, spec == null ? null : spec.address(), details);
    }

    /** Stops the child and the supervising thread; idempotent. */
    @Override
    public void close() {
        if (spec == null || phase == Phase.STOPPED) {
            return;
        }
        phase = Phase.STOPPED;
        firstOutcome.countDown();
        thread.shutdownNow();
        try {
            thread.awaitTermination(spec.stopGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        ChildProcess process = current;
        if (process != null) {
            process.stop(spec.stopGrace());
            LOG.info("{} stopped", name);
        }
    }
}
