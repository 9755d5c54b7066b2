package io.helklab.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the appliance password from the file {@code --password-file} names. */
final class PasswordFile {
    private PasswordFile() {}

    /** The file's first line, without its line break. */
    static String read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("--password-file " + file + " cannot be read (" + unreadable
                    + "); create it with the password on its first line, readable by you only (chmod 600)", unreadable);
        }
        String firstLine = content.lines().findFirst().orElse("");
        if (firstLine.isEmpty()) {
            throw new IllegalArgumentException("--password-file " + file + " is empty; put the password on its first line");
        }
        return firstLine;
    }
}
