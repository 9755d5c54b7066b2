package io.helklab.samples.generator.scenario;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Small helpers the scenarios share. Stateless and thread-safe. */
final class AttackTools {

    static final String POWERSHELL = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    static final String CMD = "C:\\Windows\\System32\\cmd.exe";
    static final String RUNDLL32 = "C:\\Windows\\System32\\rundll32.exe";
    static final String POWERSHELL_RUNTIME_MODULES_NGEN =
            "C:\\Windows\\assembly\\NativeImages_v4.0.30319_64\\System.Manaa57fc8cc#\\3c1cd5e0a8b71f6b7a0ad5f1d23bf11d\\System.Management.Automation.ni.dll";
    static final String[] POWERSHELL_MODULES = {"C:\\Windows\\System32\\mscoree.dll", "C:\\Windows\\System32\\clr.dll",
            POWERSHELL_RUNTIME_MODULES_NGEN, "C:\\Windows\\System32\\amsi.dll"};

    private AttackTools() {
    }

    /** What {@code powershell -EncodedCommand} takes: the script as UTF-16LE, in Base64. */
    static String encodedCommand(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    static String scriptBlockId(Random random) {
        return String.format("%08x-%04x-%04x-%04x-%012x", random.nextInt(), random.nextInt(0x10000), random.nextInt(0x10000),
                random.nextInt(0x10000), random.nextLong() & 0xFFFFFFFFFFFFL);
    }
}
