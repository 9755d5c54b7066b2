package io.helklab.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helklab.Passwords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code helk-lab notebooks run [NAME…]}: the training notebooks, headless. */
@Command(name = "notebooks", mixinStandardHelpOptions = true,
        description = "The notebooks of a running HELK lab.",
        subcommands = {NotebooksCommand.Run.class})
public final class NotebooksCommand {

    /**
     * Runs notebooks of {@code <home>/notebooks} top to bottom through the running appliance's front door, as the
     * notebook page runs them: the Java notebooks' kernel lives in the appliance's JVM, which is why
     * {@code jupyter execute} (a kernel of its own) cannot run them. The work is done by a small python3 script
     * shipped in the jar; python3 and tornado come with Jupyter, which the notebooks need anyway.
     */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run notebooks top to bottom in the running HELK lab; stops a notebook at its first failing cell.")
    static final class Run implements Callable<Integer> {
        static final String SCRIPT = "run_notebooks_through_door.py";
        /** Debian's python3, the one its Jupyter and tornado belong to; a python3 first on the PATH may lack tornado. */
        private static final String DEBIAN_PYTHON = "/usr/bin/python3";

        @Parameters(paramLabel = "NAME", arity = "0..*",
                description = "Notebooks in <home>/notebooks, with or without .ipynb (default: all of them).")
        List<String> names = new ArrayList<>();

        @Option(names = "--output-directory", paramLabel = "DIR",
                description = "Where the executed copies go, with their outputs (default: <home>/notebooks/executed).")
        Path outputDirectory;

        @Option(names = "--password-file", paramLabel = "FILE",
                description = "The door's password, when it asks for one (or set " + Passwords.ENVIRONMENT_VARIABLE + ").")
        Path passwordFile;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long one cell may take (default: 300).")
        int timeoutSeconds = 300;

        @Option(names = "--python", paramLabel = "FILE",
                description = "The python3 to run the script with (default: Debian's /usr/bin/python3, which Jupyter uses, else python3).")
        String python = Files.isExecutable(Path.of(DEBIAN_PYTHON)) ? DEBIAN_PYTHON : "python3";

        @Mixin
        SamplesCommand.HomeOption home = new SamplesCommand.HomeOption();

        @Override
        public Integer call() throws Exception {
            Console console = Console.standard();
            RunningAppliance appliance;
            List<Path> notebooks;
            try {
                appliance = RunningAppliance.on(home.directory());
                notebooks = select(home.directory().resolve("notebooks"), names);
            } catch (IllegalStateException | IllegalArgumentException refused) {
                console.error("helk-lab: " + refused.getMessage());
                return 1;
            }
            Path output = outputDirectory != null ? outputDirectory : home.directory().resolve("notebooks").resolve("executed");
            Path script = Files.createTempFile("helk-lab-notebooks-", ".py");
            try {
                try (InputStream bundled = NotebooksCommand.class.getResourceAsStream("/" + SCRIPT)) {
                    Files.copy(bundled, script, StandardCopyOption.REPLACE_EXISTING);
                }
                List<String> command = new ArrayList<>(List.of(python, script.toString(), "--door", appliance.http(),
                        "--output-directory", output.toString(), "--timeout", Integer.toString(timeoutSeconds)));
                notebooks.forEach(notebook -> command.add(notebook.toString()));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                if (passwordFile != null) {
                    builder.environment().put(Passwords.ENVIRONMENT_VARIABLE, PasswordFile.read(passwordFile));
                }
                Process process;
                try {
                    process = builder.start();
                } catch (IOException noPython) {
                    console.error("helk-lab: could not run " + python + " (" + noPython.getMessage() + "); install python3 "
                            + "(sudo apt-get install python3 python3-tornado) or name one with --python");
                    return 1;
                }
                int passed = report(process, console);
                int exit = process.waitFor();
                // A notebook without a report did not run (the script stopped early): it counts as failed.
                int failed = notebooks.size() - passed;
                console.line("");
                console.line("%d notebooks, %d failed; executed copies in %s", notebooks.size(), failed, output);
                return exit == 0 && failed == 0 ? 0 : 1;
            } finally {
                Files.deleteIfExists(script);
            }
        }

        /** Prints one line per notebook from the script's JSON lines (anything else as it came); how many passed. */
        private static int report(Process process, Console console) throws IOException {
            ObjectMapper json = new ObjectMapper();
            int passed = 0;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.startsWith("{")) {
                        console.line("%s", line);
                        continue;
                    }
                    JsonNode result = json.readTree(line);
                    boolean ok = result.path("status").asText().equals("ok");
                    console.line("%s  %-40s %3d cells  %6.1f s", ok ? "PASS" : "FAIL", result.path("notebook").asText(),
                            result.path("cells").asInt(), result.path("seconds").asDouble());
                    if (ok) {
                        passed++;
                    } else {
                        console.line("      %s%s", result.has("cell") ? "cell " + result.path("cell").asInt() + ": " : "",
                                result.path("error").asText());
                    }
                }
            }
            return passed;
        }

        /** The notebooks named, in the order named, or every notebook in the folder by name. */
        static List<Path> select(Path folder, List<String> names) throws IOException {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("no notebooks folder at " + folder + "; the appliance seeds it at its start");
            }
            if (names.isEmpty()) {
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> all = files.filter(file -> file.getFileName().toString().endsWith(".ipynb")).sorted().toList();
                    if (all.isEmpty()) {
                        throw new IllegalArgumentException("no notebook in " + folder);
                    }
                    return all;
                }
            }
            List<Path> selected = new ArrayList<>();
            for (String name : names) {
                Path notebook = folder.resolve(name.endsWith(".ipynb") ? name : name + ".ipynb").normalize();
                if (!notebook.startsWith(folder) || !Files.isRegularFile(notebook)) {
                    throw new IllegalArgumentException("no notebook '" + name + "' in " + folder
                            + "; name one of its .ipynb files, with or without the extension");
                }
                selected.add(notebook);
            }
            return selected;
        }
    }

    private NotebooksCommand() {}
}
