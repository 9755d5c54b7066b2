package io.helklab.junit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records the class list {@link ClassPreloader} reads: starts an Elasticsearch-only fixture in a fresh
 * JVM with {@code -Xlog:class+load}, preloading off, and writes every class it loaded from a jar or
 * the JDK's modules until the fixture was ready, in load order. Classes from the JVM's shared archive
 * (already cheap), generated classes and HELK lab's own (loaded from the same jar as the preloader,
 * or from directories in a build) are left out.
 *
 * <p>Run it after changing a dependency version (the class-list test says when), from the
 * repository root, with the appliance's test class path and the parent POM's {@code helk.jvm.opens} flags
 * (the {@code mvn} lines that build them: {@code mvn -o -q -pl appliance -am test-compile}, then
 * {@code mvn -o -q -pl appliance dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath}):
 * <pre>
 * java -Xmx3g &lt;helk.jvm.opens&gt; -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile=log4j2-test.xml \
 *   -cp appliance/target/test-classes:appliance/target/classes:$(cat appliance/target/test.classpath) \
 *   io.helklab.junit.FixtureClassListRecorder appliance/src/main/resources/io/helklab/junit/fixture-classes.txt
 * </pre>
 */
public final class FixtureClassListRecorder {
    /** {@code -Xlog:class+load} lines: {@code [info][class,load] a.b.C source: jrt:/java.base} or {@code source: file:/...jar}. */
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source: (jrt:/|file:\\S+\\.jar$)");

    private FixtureClassListRecorder() {}

    public static void main(String[] arguments) throws Exception {
        if (arguments.length != 1) {
            System.err.println("usage: FixtureClassListRecorder <output file>");
            System.exit(2);
        }
        Set<String> classes = record("elasticsearch");
        Path output = Path.of(arguments[0]);
        Files.write(output, classes, StandardCharsets.UTF_8);
        System.out.printf("%d classes written to %s%n", classes.size(), output);
    }

    /** The classes one fixture start of {@code configuration} loaded from jars and JDK modules, in load order. */
    static Set<String> record(String configuration) throws Exception {
        Path log = Files.createTempFile("helk-lab-class-load-", ".log");
        try {
            FixtureStartProbe.run(configuration, List.of("-Xlog:class+load=info:file=" + log, FixtureStartProbe.NO_PRELOAD));
            return loadedClasses(Files.readAllLines(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Set<String> loadedClasses(List<String> logLines) {
        Set<String> names = new LinkedHashSet<>();
        String ready = FixtureStartProbe.ReadyMarker.class.getName() + " ";
        for (String line : logLines) {
            if (line.contains(ready)) {
                break;
            }
            Matcher matcher = LOADED.matcher(line);
            if (matcher.find() && !matcher.group(1).contains("$$Lambda") && !matcher.group(1).startsWith("io.helklab.")) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
