package io.helklab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's benchmark commands are the CLI's: each parses with every option it shows (optional parts in
 * brackets included), and every {@code benchmark} subcommand has a row. Running them is what the benchmarks are
 * for; a test must not assert their times.
 */
class ReadmeBenchmarksTest {
    private static final Pattern COMMAND = Pattern.compile("`java -jar launcher/target/helk-lab\\.jar (benchmark [^`]+)`");

    @Test
    void everyBenchmarkTheReadmeShowsParsesAndEveryBenchmarkIsShown() throws Exception {
        Matcher rows = COMMAND.matcher(Files.readString(Path.of("..", "README.md")));
        Set<String> shown = new TreeSet<>();
        while (rows.find()) {
            List<String> arguments = new ArrayList<>(Arrays.asList(rows.group(1).replace("[", "").replace("]", "").split("\\s+")));
            CommandLine.ParseResult parsed = LauncherCommand.commandLine().parseArgs(arguments.toArray(String[]::new));
            assertThat(parsed.subcommand()).as(rows.group(1)).isNotNull();
            assertThat(parsed.subcommand().subcommand()).as(rows.group(1)).isNotNull();
            assertThat(parsed.subcommand().subcommand().unmatched()).as(rows.group(1)).isEmpty();
            shown.add(arguments.get(1));
        }
        Set<String> benchmarks = new TreeSet<>(LauncherCommand.commandLine().getSubcommands().get("benchmark")
                .getSubcommands().keySet());
        assertThat(shown).as("benchmarks in the README's table").isEqualTo(benchmarks);
    }
}
