package io.helklab.detection.live;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * What the rule sources look like on disk now: every rule file's path, size and modification time, and the IOC
 * files'. Polling this is cheaper to get right than a recursive {@code WatchService} (which needs one key per
 * directory, misses changes while re-registering, and does not follow every file system) and costs a few
 * milliseconds for SigmaHQ's thousands of files. Unreadable paths count as their error, so a change of
 * permissions is a change too.
 */
final class RuleFingerprint {

    private RuleFingerprint() {
    }

    static String of(List<Path> ruleSources, List<Path> iocFiles) {
        StringBuilder fingerprint = new StringBuilder(1024);
        for (Path source : ruleSources) {
            add(fingerprint, source);
        }
        for (Path file : iocFiles) {
            describe(fingerprint, file);
        }
        return fingerprint.toString();
    }

    private static void add(StringBuilder fingerprint, Path root) {
        if (!Files.isDirectory(root)) {
            describe(fingerprint, root);
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                        fingerprint.append(file).append('|').append(attributes.size()).append('|')
                                .append(attributes.lastModifiedTime().toMillis()).append('\n');
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    fingerprint.append(file).append("|unreadable\n");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException unreadable) {
            fingerprint.append(root).append("|unreadable\n");
        }
    }

    private static void describe(StringBuilder fingerprint, Path file) {
        try {
            fingerprint.append(file).append('|').append(Files.size(file)).append('|')
                    .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
        } catch (IOException | RuntimeException missing) {
            fingerprint.append(file).append("|missing\n");
        }
    }
}
