package io.helklab.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Fast start: the appliance JVM maps a class-data archive (AppCDS) of the classes a start loads,
 * instead of reading, parsing and verifying some 30,000 classes out of {@code helk-lab.jar} again.
 * On this 2-core machine that takes about 40% off the time to ready.
 *
 * <p>A JAR manifest cannot carry JVM flags, so {@code java -jar helk-lab.jar} relaunches itself once for the
 * appliance with the flags it needs: the first JVM only starts the second, forwards Ctrl-C and SIGTERM to it, waits,
 * and exits with its exit code. The second one stops in an orderly way if the first disappears (killed with
 * SIGKILL). The archive is the one {@code helk-lab cds} wrote next to the JAR for this very JVM
 * ({@code helk-lab.jar.<jvm>.jsa}; the Maven build runs it), or else one a JDK 19+ JVM creates by itself in
 * {@code <home>/cache} on its first stop ({@code -XX:+AutoCreateSharedArchive}), so every JDK but 17 starts fast from
 * the second start on without a manual step. The relaunched JVM also gets the appliance's heap
 * ({@link ApplianceHeap}). {@code HELK_LAB_RELAUNCH=0} switches relaunching off.
 *
 * <p>The relaunched JVM also gets {@link #JIT_FLAGS}, unless the user set JIT flags of their own: during a start
 * C2, the optimising compiler, took a third of the CPU on two cores (3.3 of 9 CPU-seconds) compiling code that
 * runs for a few hundred milliseconds. With its thresholds ten times the defaults, C2 waits for code that stays
 * hot (indexing, the normaliser), and the start takes about a second less.
 */
public final class ClassDataArchive {
    /** Set in the relaunched JVM: the pid of the JVM that started it. */
    static final String PARENT_PROPERTY = "helk.lab.parent";
    /** Set to {@code 0} to run the appliance in the JVM {@code java -jar} started. */
    public static final String RELAUNCH_VARIABLE = "HELK_LAB_RELAUNCH";
    private static final Set<String> NOT_THE_APPLIANCE = Set.of("samples", "notebooks", "benchmark", "cds", "-h", "--help", "-V",
            "--version");

    /**
     * C2 compiles a method after ten times the default invocations, loop iterations and combined count (5,000,
     * 40,000 and 15,000 in JDK 17), so code that only runs while the appliance starts stays with C1.
     */
    static final List<String> JIT_FLAGS = List.of("-XX:Tier4InvocationThreshold=50000",
            "-XX:Tier4MinInvocationThreshold=6000", "-XX:Tier4CompileThreshold=150000",
            "-XX:Tier4BackEdgeThreshold=400000");
    private static final List<String> USER_JIT_FLAGS = List.of("-XX:Tier", "-XX:CompileThreshold",
            "-XX:+TieredCompilation", "-XX:-TieredCompilation", "-XX:TieredStopAtLevel", "-Xint", "-Xcomp");

    private ClassDataArchive() {}

    /** {@link #JIT_FLAGS}, or nothing when the user chose JIT flags of their own. */
    static List<String> jitFlags(List<String> userFlags) {
        boolean own = userFlags.stream().anyMatch(flag -> USER_JIT_FLAGS.stream().anyMatch(flag::startsWith));
        return own ? List.of() : JIT_FLAGS;
    }

    /** The running {@code helk-lab.jar}, if this JVM was started from a JAR. */
    static Optional<Path> runningJar() {
        try {
            Path location = Path.of(ClassDataArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? Optional.of(location)
                    : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException unknown) {
            return Optional.empty();
        }
    }

    /** Where the archive of {@code jar} for the running JVM lives: next to the JAR, named after the JVM build. */
    static Path archiveOf(Path jar) {
        String vm = System.getProperty("java.vm.version", "unknown").replaceAll("[^A-Za-z0-9.+_-]", "_");
        return jar.resolveSibling(jar.getFileName() + "." + vm + "-" + shortHash(System.getProperty("java.home", ""))
                + ".jsa");
    }

    /** An archive this JVM can use: present, and written after the JAR it belongs to. */
    static boolean usable(Path archive, Path jar) {
        try {
            return Files.isRegularFile(archive) && Files.size(archive) > 0
                    && !Files.getLastModifiedTime(archive).toInstant().isBefore(Files.getLastModifiedTime(jar).toInstant());
        } catch (IOException unreadable) {
            return false;
        }
    }

    /**
     * The class-data flags of the relaunched appliance JVM, or empty when {@code args} do not run the appliance in a
     * first JVM started with {@code -jar} (then nothing is relaunched). An archive {@code helk-lab cds} built next to
     * the JAR comes first; otherwise a JVM that can (JDK 19 and later) creates one itself under
     * {@code <home>/cache} when the appliance stops, and maps it from the next start on; JDK 17 starts without one.
     * Flags the user gave for class data win: they reach the relaunched JVM as they are.
     */
    static Optional<List<String>> relaunchFlags(String[] args) {
        if (System.getProperty(PARENT_PROPERTY) != null || "0".equals(System.getenv(RELAUNCH_VARIABLE))) {
            return Optional.empty();
        }
        for (String arg : args) {
            if (NOT_THE_APPLIANCE.contains(arg)) {
                return Optional.empty();
            }
        }
        Optional<List<String>> flags = jvmFlags();
        Optional<Path> jar = runningJar();
        if (flags.isEmpty() || jar.isEmpty()) {
            return Optional.empty();
        }
        for (String flag : flags.get()) {
            if (flag.startsWith("-XX:SharedArchiveFile") || flag.startsWith("-Xshare") || flag.startsWith("-XX:ArchiveClassesAtExit")
                    || flag.startsWith("-XX:AOTCache") || flag.startsWith("-XX:AOTMode") || flag.startsWith("-XX:+AutoCreateSharedArchive")) {
                return Optional.of(List.of());
            }
        }
        Path built = archiveOf(jar.get());
        if (usable(built, jar.get())) {
            return Optional.of(List.of("-XX:SharedArchiveFile=" + built));
        }
        return Optional.of(createdFlags(Runtime.version().feature(), automaticArchive(HomeArgument.find(args), jar.get())));
    }

    /** Where a JVM that creates its own archive keeps it: in the home, which is writable where the JAR may not be. */
    static Path automaticArchive(Path home, Path jar) {
        return home.resolve("cache").resolve(archiveOf(jar).getFileName());
    }

    /**
     * JDK 19 and later create a dynamic archive at exit when the file is missing or stale (another JAR, another JVM)
     * and map it otherwise; JDK 17 cannot, and gets none.
     */
    static List<String> createdFlags(int javaFeatureVersion, Path archive) {
        if (javaFeatureVersion < 19) {
            return List.of();
        }
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException unwritable) {
            return List.of();
        }
        return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
    }

    /**
     * The JVM flags this JVM was started with ({@code java <flags> -jar ...}), read from the OS rather than
     * through JMX, which would cost a start a tenth of a second; empty when it was not started with {@code -jar}.
     * Flags from {@code JDK_JAVA_OPTIONS} are not among them: the next JVM reads that variable itself.
     */
    static Optional<List<String>> jvmFlags() {
        Optional<String[]> arguments = ProcessHandle.current().info().arguments();
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        List<String> all = List.of(arguments.get());
        int jar = all.indexOf("-jar");
        return jar < 0 ? Optional.empty() : Optional.of(all.subList(0, jar));
    }

    /** This JVM's flags: from the OS when it was started with {@code -jar}, otherwise through JMX. */
    private static List<String> ownFlags() {
        return jvmFlags().orElseGet(() -> ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /**
     * {@code java <this JVM's flags> <extra> -jar <jar> <args>}: the command of a second JVM like this one.
     * CDS messages stay off the console (a mismatch only means a slower start).
     */
    static List<String> javaCommand(Path jar, List<String> extraFlags, List<String> args) {
        return javaCommand(jar, ownFlags(), extraFlags, args);
    }

    private static List<String> javaCommand(Path jar, List<String> ownFlags, List<String> extraFlags,
            List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ownFlags);
        command.addAll(extraFlags);
        command.add("-Xlog:cds=off,cds+dynamic=off,class+path=off");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }

    /**
     * Runs the appliance in a second JVM with {@code classDataFlags}, the start-up JIT thresholds and the appliance's
     * heap ({@link ApplianceHeap}); returns its exit code.
     */
    static int relaunch(List<String> classDataFlags, String[] args) {
        Path jar = runningJar().orElseThrow();
        List<String> own = ownFlags();
        List<String> extra = new ArrayList<>(classDataFlags);
        extra.add("-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
        extra.addAll(jitFlags(own));
        try {
            extra.addAll(ApplianceHeap.flags(own, System.getenv()));
        } catch (IllegalArgumentException badValue) {
            System.err.println("helk-lab: " + badValue.getMessage());
            return 2;
        }
        RelaunchArguments relaunched = RelaunchArguments.of(args);
        List<String> command = javaCommand(jar, own, extra, relaunched.arguments());
        Process child;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().putAll(relaunched.environment());
            child = builder.start();
        } catch (IOException cannotStart) {
            System.err.println("helk-lab: could not start " + command.get(0) + " (" + cannotStart.getMessage()
                    + "); set " + RELAUNCH_VARIABLE + "=0 to run in this JVM");
            return 1;
        }
        // Ctrl-C reaches both JVMs (one process group); SIGTERM only this one: pass it on either way.
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> child.destroy());
            } catch (IllegalArgumentException unsupported) {
                // not on this platform
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, "helk-lab-relaunch-stop"));
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException interrupted) {
                child.destroy();
            }
        }
    }

    /** In a relaunched JVM: an orderly stop (the same as SIGTERM) when the JVM that started it is gone. */
    static void watchParent() {
        String parent = System.getProperty(PARENT_PROPERTY);
        if (parent == null) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parent));
        Thread watcher = new Thread(() -> {
            while (handle.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
            Signal.raise(new Signal("TERM"));
        }, "helk-lab-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
