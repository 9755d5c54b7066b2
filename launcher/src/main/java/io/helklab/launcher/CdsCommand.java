package io.helklab.launcher;

import io.helklab.home.Directories;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code helk-lab cds}: boots the appliance once in a throw-away home and keeps the classes it loaded
 * as a class-data archive next to the JAR, which later starts map instead of loading (see
 * {@link ClassDataArchive}). The Maven build runs it after shading; run it again after copying the JAR
 * elsewhere or switching JDKs, because an archive belongs to one JAR location and one JVM build.
 */
@Command(name = "cds", mixinStandardHelpOptions = true,
        description = {"Writes the class-data archive that makes 'java -jar helk-lab.jar' start faster.",
            "Boots the appliance once (about a minute), then stops it; the archive belongs to this JAR's location"
                    + " and this JVM, so run it again after moving the JAR or changing JDKs."})
final class CdsCommand implements Callable<Integer> {
    private static final long READY_MINUTES = 5;
    private static final long DUMP_MINUTES = 5;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write the archive (default: next to the JAR, named after this JVM).")
    Path output;

    @Override
    public Integer call() throws Exception {
        Path jar = ClassDataArchive.runningJar().orElseThrow(() -> new IllegalStateException(
                "'cds' archives the classes of helk-lab.jar; run it as java -jar helk-lab.jar cds"));
        Path archive = output != null ? output.toAbsolutePath() : ClassDataArchive.archiveOf(jar);
        Path home = Files.createTempDirectory("helk-lab-cds-");
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial-" + ProcessHandle.current().pid());
        Path processOutput = home.resolve("cds-run.txt");
        try {
            List<String> command = ClassDataArchive.javaCommand(jar, List.of("-XX:ArchiveClassesAtExit=" + partial),
                    List.of("--home", home.resolve("home").toString(), "--http-port", "0", "--es-port", "0",
                            "--kafka-port", "0", "--zk-port", "0", "--spark-connect-port", "0", "--samples", "none"));
            System.out.println("Writing the class-data archive: booting the appliance once in " + home + " ...");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(processOutput.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put(ClassDataArchive.RELAUNCH_VARIABLE, "0");
            Process appliance = builder.start();
            try {
                awaitReady(appliance, home.resolve("home/run/ready.json"), processOutput);
            } finally {
                appliance.destroy();
                if (!appliance.waitFor(DUMP_MINUTES, TimeUnit.MINUTES)) {
                    appliance.destroyForcibly();
                    throw new IllegalStateException("the appliance did not stop within " + DUMP_MINUTES
                            + " minutes while writing the archive; its output: " + processOutput);
                }
            }
            if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
                System.out.println("This JVM (" + Runtime.version() + ") wrote no class-data archive, so starts stay"
                        + " on the slower path; its messages are in " + processOutput);
                return 0;
            }
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf("Class-data archive: %s (%d MB); java -jar %s now starts from it.%n", archive,
                    Files.size(archive) / (1024 * 1024), jar.getFileName());
            Directories.deleteRecursively(home);
            return 0;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void awaitReady(Process appliance, Path ready, Path processOutput) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(READY_MINUTES);
        while (!Files.exists(ready)) {
            if (!appliance.isAlive()) {
                throw new IllegalStateException("the appliance exited with " + appliance.exitValue()
                        + " before it was ready; its output: " + processOutput);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the appliance was not ready within " + READY_MINUTES
                        + " minutes; its output: " + processOutput);
            }
            Thread.sleep(100);
        }
    }
}
