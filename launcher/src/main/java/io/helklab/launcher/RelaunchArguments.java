package io.helklab.launcher;

import io.helklab.Passwords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments and environment the relaunched JVM gets. A password given with {@code --password} leaves the
 * arguments and travels in the environment variable {@value Passwords#ENVIRONMENT_VARIABLE} instead, which
 * only the same user can read, so the appliance's JVM never shows it in {@code ps}.
 *
 * @param arguments   the command-line arguments, without any {@code --password}
 * @param environment variables to set in the relaunched JVM
 */
record RelaunchArguments(List<String> arguments, Map<String, String> environment) {

    static RelaunchArguments of(String[] args) {
        List<String> kept = new ArrayList<>();
        String password = null;
        for (int index = 0; index < args.length; index++) {
            String arg = args[index];
            if (arg.equals("--password") && index + 1 < args.length) {
                password = args[++index];
            } else if (arg.startsWith("--password=")) {
                password = arg.substring("--password=".length());
            } else {
                kept.add(arg);
            }
        }
        return new RelaunchArguments(List.copyOf(kept),
                password == null ? Map.of() : Map.of(Passwords.ENVIRONMENT_VARIABLE, password));
    }
}
