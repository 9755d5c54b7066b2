package io.helklab.launcher.bench;

import picocli.CommandLine.Command;

/** {@code helk-lab benchmark <what>}: measurements that print figures and ratios, never pass/fail. */
@Command(name = "benchmark",
        mixinStandardHelpOptions = true,
        description = "Measure HELK lab on this machine and print the figures.",
        subcommands = {StartupBenchmark.class, IngestBenchmark.class, DetectionBenchmark.class, HuntSearchBenchmark.class,
                FixtureStartBenchmark.class})
public final class BenchmarkCommand {
}
