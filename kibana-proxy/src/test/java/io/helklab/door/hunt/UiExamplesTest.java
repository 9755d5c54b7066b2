package io.helklab.door.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.helklab.samples.Challenge;
import io.helklab.samples.SampleCatalog;
import io.helklab.samples.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No placeholder or inline example in the hunt UI's sources may give a challenge's answer away. */
class UiExamplesTest {
    private static final Path SOURCES = Path.of("ui", "src");
    private static final Pattern PLACEHOLDER = Pattern.compile("placeholder=(?:\"([^\"]*)\"|'([^']*)'|\\{'([^']*)'}|\\{\"([^\"]*)\"})");
    private static final Pattern CODE = Pattern.compile("<code>([^<{]*)</code>");
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9_.\\\\-]{5,}");

    @Test
    void theSourcesHaveExamplesToCheck() throws IOException {
        assertThat(examples()).extracting(Example::text).anySatisfy(text -> assertThat(text).contains("event_id"));
    }

    @Test
    void noExampleNamesAWordOfAnyAcceptedAnswer() throws IOException {
        Set<String> answerWords = new HashSet<>();
        for (Scenario scenario : SampleCatalog.builtIn()) {
            for (Challenge challenge : scenario.challenges()) {
                challenge.acceptedAnswers().forEach(answer -> answerWords.addAll(tokens(answer)));
            }
        }
        List<String> giveaways = new ArrayList<>();
        for (Example example : examples()) {
            for (String token : tokens(example.text())) {
                if (answerWords.contains(token)) {
                    giveaways.add(example.file() + ": '" + example.text() + "' contains '" + token + "'");
                }
            }
        }
        assertThat(giveaways).as("examples that reveal an answer").isEmpty();
    }

    @Test
    void theOldSearchPlaceholderWouldHaveBeenCaught() {
        Set<String> dumperWords = new HashSet<>();
        SampleCatalog.find("lsass-credential-dumping").challenges()
                .forEach(challenge -> challenge.acceptedAnswers().forEach(answer -> dumperWords.addAll(tokens(answer))));
        assertThat(tokens("process_name:\"werfault.exe\" AND event_id:1")).anyMatch(dumperWords::contains);
    }

    private record Example(String file, String text) {}

    private static List<Example> examples() throws IOException {
        List<Example> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".jsx")).toList()) {
                String source = Files.readString(file);
                for (Pattern pattern : List.of(PLACEHOLDER, CODE)) {
                    Matcher matcher = pattern.matcher(source);
                    while (matcher.find()) {
                        for (int group = 1; group <= matcher.groupCount(); group++) {
                            if (matcher.group(group) != null) {
                                examples.add(new Example(file.getFileName().toString(), matcher.group(group)));
                            }
                        }
                    }
                }
            }
        }
        return examples;
    }

    private static Set<String> tokens(String text) {
        Set<String> tokens = new HashSet<>();
        Matcher matcher = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }
}
