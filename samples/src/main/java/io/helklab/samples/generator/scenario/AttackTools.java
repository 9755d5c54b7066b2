package io.helklab.samples.generator.scenario;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Small helpers the scenarios share. Stateless and thread-safe. */
final class AttackTools {

    static final String POWERSHELL = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    static final String CMD = "C:\\Windows\\System32\\cmd.exe";
    static final String RUNDLL32 = "C:\\Windows\\System32\\rundll32.exe";

    private AttackTools() {
    }

    /** What {@code powershell -EncodedCommand} takes: the script as UTF-16LE, in Base64. */
    static String encodedCommand(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }
}
