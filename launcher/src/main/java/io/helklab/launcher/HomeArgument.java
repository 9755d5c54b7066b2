package io.helklab.launcher;

import java.nio.file.Path;

/** Reads {@code --home} from raw arguments, before the command line is parsed (logging needs it first). */
final class HomeArgument {
    private HomeArgument() {}

    static Path find(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--home") && i + 1 < args.length) {
                return expand(args[i + 1]);
            }
            if (args[i].startsWith("--home=")) {
                return expand(args[i].substring("--home=".length()));
            }
        }
        return defaultHome();
    }

    static Path defaultHome() {
        return Path.of(System.getProperty("user.home"), ".helk-lab");
    }

    /** Expands a leading {@code ~} the way a shell would, for values given with {@code --home=~/x}. */
    static Path expand(String value) {
        if (value.equals("~") || value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + value.substring(1)).toAbsolutePath().normalize();
        }
        return Path.of(value).toAbsolutePath().normalize();
    }
}
