package io.helklab.config;

import io.helklab.detection.RuleLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the detection service finds its Sigma rules and IOC lists.
 *
 * @param ruleDirectories Sigma rule directories or files ({@code --rules}); {@code <home>/rules} is always added
 * @param iocFiles        IOC lists ({@code --ioc})
 * @param builtInRules    whether HELK lab's own rule pack is loaded
 * @param minimumLevel    rules below this level load disabled; null keeps every level
 * @param reloadInterval  how often the rule directories and IOC files are checked for changes
 */
public record DetectionConfig(List<Path> ruleDirectories, List<Path> iocFiles, boolean builtInRules,
                              RuleLevel minimumLevel, Duration reloadInterval) {

    public DetectionConfig {
        ruleDirectories = ruleDirectories.stream().map(path -> path.toAbsolutePath().normalize()).toList();
        iocFiles = iocFiles.stream().map(path -> path.toAbsolutePath().normalize()).toList();
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("the rules reload interval must be positive, not " + reloadInterval);
        }
    }

    /** The built-in pack and {@code <home>/rules}, every level, checked for changes every two seconds. */
    public static DetectionConfig defaults() {
        return new DetectionConfig(List.of(), List.of(), true, null, Duration.ofSeconds(2));
    }

    public DetectionConfig withRuleDirectories(List<Path> directories) {
        return new DetectionConfig(directories, iocFiles, builtInRules, minimumLevel, reloadInterval);
    }

    public DetectionConfig withIocFiles(List<Path> files) {
        return new DetectionConfig(ruleDirectories, files, builtInRules, minimumLevel, reloadInterval);
    }

    public DetectionConfig withBuiltInRules(boolean enabled) {
        return new DetectionConfig(ruleDirectories, iocFiles, enabled, minimumLevel, reloadInterval);
    }

    public DetectionConfig withMinimumLevel(RuleLevel level) {
        return new DetectionConfig(ruleDirectories, iocFiles, builtInRules, level, reloadInterval);
    }

    public DetectionConfig withReloadInterval(Duration interval) {
        return new DetectionConfig(ruleDirectories, iocFiles, builtInRules, minimumLevel, interval);
    }
}
