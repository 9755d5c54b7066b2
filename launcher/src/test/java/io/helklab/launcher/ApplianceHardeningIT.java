package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.samples.SampleCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar, started as a user starts it (relaunched with a class-data archive, Jupyter running, a scenario
 * loaded), holds what a shared classroom machine needs: no password on either JVM's command line, nothing in the
 * home that other users can read, commands that leave the running appliance's log alone, and the README's kcat
 * command delivering one message per event.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplianceHardeningIT {
    private static final String PASSWORD = "classroom-" + Long.toHexString(System.nanoTime());
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    private static Path home;
    private static JarProcess appliance;
    private static JsonNode ready;
    private static Path jarDirectory;

    @BeforeAll
    static void start() throws Exception {
        Path jar = relaunchingJar();
        home = work.resolve("home");
        appliance = JarProcess.start(JarProcess.currentJava(), jar, work.resolve("appliance"),
                Map.of("HELK_LAB_PASSWORD", PASSWORD), "--home", home.toString(), "--http-port", "0", "--es-port", "0",
                "--kafka-port", "0", "--zk-port", "0", "--spark-connect-port", "0", "--samples", "run-key-persistence");
        ready = appliance.awaitReady(home, Duration.ofMinutes(3));
        long events = SampleCatalog.find("run-key-persistence").eventCount();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (count("logs-*,parse-failures-*") < events && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    /**
     * The jar, linked into a directory of its own next to a small class-data archive for this JVM, so {@code java -jar}
     * relaunches itself as it does after {@code mvn package} (whose full archive these tests do not build). A hard
     * link, because the JVM resolves symbolic links in its class path and would look for the archive beside the target.
     */
    private static Path relaunchingJar() throws Exception {
        jarDirectory = Files.createTempDirectory(JarProcess.JAR.getParent(), "relaunch-");
        Path jar = jarDirectory.resolve("helk-lab.jar");
        try {
            Files.createLink(jar, JarProcess.JAR);
        } catch (IOException | UnsupportedOperationException noHardLinks) {
            Files.copy(JarProcess.JAR, jar);
        }
        Path archive = ClassDataArchive.archiveOf(jar);
        Process dump = new ProcessBuilder(JarProcess.currentJava().toString(), "-XX:ArchiveClassesAtExit=" + archive,
                "-Xlog:cds=off,cds+dynamic=off", "-jar", jar.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(work.resolve("archive.txt").toFile()).start();
        assertThat(dump.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(ClassDataArchive.usable(archive, jar)).as("archive " + archive + "; "
                + Files.readString(work.resolve("archive.txt"))).isTrue();
        return jar;
    }

    @AfterAll
    static void stop() throws Exception {
        if (appliance != null) {
            appliance.process().destroy();
            appliance.awaitExit(Duration.ofSeconds(60));
            appliance.close();
        }
        if (jarDirectory != null) {
            io.helklab.home.Directories.deleteRecursively(jarDirectory);
        }
    }

    @Test
    @Order(1)
    void neitherJvmShowsThePasswordOnItsCommandLine() throws Exception {
        ProcessHandle launching = appliance.process().toHandle();
        List<ProcessHandle> relaunched = launching.children()
                .filter(child -> commandLine(child).contains("-XX:SharedArchiveFile=")).toList();
        assertThat(relaunched).as("the appliance JVM, relaunched with the archive").hasSize(1);

        assertThat(commandLine(launching)).contains("-jar").doesNotContain(PASSWORD);
        assertThat(commandLine(relaunched.get(0))).contains("--home").doesNotContain(PASSWORD);
        assertThat(appliance.stdout()).as("the relaunched JVM got the password from its environment")
                .contains("password " + PASSWORD);
        for (ProcessHandle descendant : relaunched.get(0).descendants().toList()) {
            assertThat(environment(descendant)).as("environment of " + commandLine(descendant))
                    .doesNotContain("HELK_LAB_PASSWORD");
        }
    }

    @Test
    @Order(2)
    void nothingInTheHomeIsReadableByOtherUsers() throws Exception {
        JsonNode health = awaitGreen();
        assertThat(health.at("/services/jupyter/status").asText()).isEqualTo("up");
        awaitFile(home.resolve("data/jupyter/runtime"), "nbserver-");
        awaitFile(home.resolve("data/spark/checkpoints"), "");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        List<String> open;
        try (Stream<Path> entries = Files.walk(home)) {
            open = entries.filter(entry -> !Files.isSymbolicLink(entry)).filter(ApplianceHardeningIT::readableByOthers)
                    .map(entry -> home.relativize(entry) + " " + permissions(entry)).toList();
        }
        assertThat(open).as("group- or world-accessible entries under the home").isEmpty();
        try (Stream<Path> entries = Files.walk(home.resolve("data"))) {
            assertThat(entries.filter(Files::isRegularFile).map(Path::toString).toList())
                    .as("the services' data files are among them")
                    .anyMatch(name -> name.contains("/elasticsearch/"))
                    .anyMatch(name -> name.contains("/kafka/"))
                    .anyMatch(name -> name.contains("/jupyter/runtime/nbserver-"));
        }
    }

    @Test
    @Order(3)
    void commandsAndARefusedSecondApplianceLeaveTheAppliancesLogAlone() throws Exception {
        Path log = home.resolve("logs/helk-lab.log");
        Object inode = Files.getAttribute(log, "unix:ino");
        long size = Files.size(log);

        JarProcess verify = JarProcess.start(JarProcess.currentJava(), work.resolve("verify"), "samples", "verify",
                "--home", home.toString());
        assertThat(verify.awaitExit(Duration.ofMinutes(2))).as(verify.output()).isZero();
        assertThat(verify.stdout()).contains("PASS  run-key-persistence");
        JarProcess second = JarProcess.start(JarProcess.currentJava(), work.resolve("second"), "--home", home.toString(),
                "--http-port", "0", "--es-port", "0", "--kafka-port", "0", "--zk-port", "0", "--spark-connect-port", "0");
        assertThat(second.awaitExit(Duration.ofMinutes(2))).as(second.output()).isEqualTo(1);

        try (Stream<Path> logs = Files.list(home.resolve("logs"))) {
            assertThat(logs.map(path -> path.getFileName().toString()).toList())
                    .as("nothing rolled the appliance's log").noneMatch(name -> name.startsWith("helk-lab.") && name.endsWith(".gz"));
        }
        assertThat(Files.getAttribute(log, "unix:ino")).as("still the file the appliance writes").isEqualTo(inode);
        assertThat(Files.size(log)).isGreaterThanOrEqualTo(size);
    }

    @Test
    @Order(4)
    void theReadmesKcatCommandSendsOneMessagePerEvent() throws Exception {
        String readmeCommand = readmeKcatCommand();
        List<byte[]> records;
        try (Stream<byte[]> all = SampleCatalog.find("lsass-credential-dumping").records()) {
            records = all.limit(25).toList();
        }
        Path file = work.resolve("file.json");
        Files.writeString(file, records.stream().map(record -> new String(record, StandardCharsets.UTF_8))
                .collect(Collectors.joining("\n", "", "\n")));
        long before = count("logs-*");
        long failuresBefore = count("parse-failures-*");

        List<String> command = new ArrayList<>();
        for (String word : readmeCommand.split(" ")) {
            command.add(switch (word) {
                case "127.0.0.1:9092" -> ready.path("kafka").asText();
                case "file.json" -> file.toString();
                default -> word;
            });
        }
        Process kcat = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kcat.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(kcat.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (count("logs-*") < before + records.size() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(count("logs-*")).isEqualTo(before + records.size());
        assertThat(count("parse-failures-*")).isEqualTo(failuresBefore);
    }

    private static String readmeKcatCommand() throws IOException {
        Matcher kcat = Pattern.compile("`(kcat [^`]+)`").matcher(Files.readString(Path.of("..", "README.md")));
        assertThat(kcat.find()).as("README.md shows a kcat command").isTrue();
        return kcat.group(1);
    }

    private static long count(String indices) throws Exception {
        String elasticsearch = ready.path("elasticsearch").asText();
        String options = "?ignore_unavailable=true&allow_no_indices=true";
        HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + indices + "/_refresh" + options))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + indices
                + "/_count" + options)).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).path("count").asLong();
    }

    private static JsonNode awaitGreen() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(ready.path("http").asText()
                    + "api/health")).build(), HttpResponse.BodyHandlers.ofString()).body());
            if ("green".equals(last.path("status").asText())) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("health did not turn green: " + last);
    }

    private static void awaitFile(Path directory, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> entries = Files.walk(directory)) {
                    if (entries.anyMatch(entry -> Files.isRegularFile(entry)
                            && entry.getFileName().toString().startsWith(prefix))) {
                        return;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no file " + prefix + "* under " + directory);
    }

    private static boolean readableByOthers(Path entry) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entry);
            permissions.retainAll(NOT_OWNER);
            return !permissions.isEmpty();
        } catch (IOException vanished) {
            return false;
        }
    }

    private static String permissions(Path entry) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(entry));
        } catch (IOException vanished) {
            return "(gone)";
        }
    }

    /** What {@code ps} shows: the process's arguments as the kernel keeps them. */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    private static String environment(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "environ")).replace('\0', '\n');
        } catch (IOException gone) {
            return "";
        }
    }
}
