package io.helklab.launcher;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;

/**
 * Sets this process's file-creation mask to {@code 077}, so every file and directory the appliance, its
 * embedded services (Elasticsearch's indices, Kafka's log, ZooKeeper's snapshots) and its children
 * (Jupyter's runtime file with its token) create is readable by the appliance's user only. Java has no API
 * for the umask, and the services create files with their own code, so the mask is the one place that covers
 * them all; children inherit it, and so does the relaunched JVM. Uses JNA, which Elasticsearch brings.
 */
final class OwnerOnlyUmask {
    private static final int OWNER_ONLY = 0077;

    private interface CLibrary extends Library {
        int umask(int mask);
    }

    private OwnerOnlyUmask() {}

    /** Applies the mask; on Windows, or where the C library cannot be reached, says why and carries on. */
    static void apply() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return;
        }
        try {
            Native.load("c", CLibrary.class).umask(OWNER_ONLY);
        } catch (UnsatisfiedLinkError | RuntimeException unavailable) {
            // Logging is not configured yet; the home directory itself is still made owner-only.
            System.err.println("helk-lab: could not set the file-creation mask to 077 (" + unavailable
                    + "); files in the home keep the default mode, the home directory itself is owner-only");
        }
    }
}
