package io.helklab.home;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an appliance home readable by its owner only: it holds the notebooks and answer keys, Jupyter's
 * token, the indices and the Kafka log, and on a shared machine (a classroom server, a lab PC) other
 * users must not read them.
 *
 * <p>The home directory itself is {@code 0700}, which closes everything below it whatever the files'
 * own modes. A home created before this rule (or by hand) is tightened once: everything in the appliance's
 * own directories ({@code data}, {@code logs}, {@code notebooks}, {@code run}, {@code tls}) loses its group
 * and other bits. New files get owner-only modes from the launcher's umask. On file systems without
 * POSIX permissions (Windows) nothing is done. Stateless.
 */
public final class OwnerOnly {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** The directories an appliance creates in its home. */
    private static final Set<String> APPLIANCE_DIRECTORIES = Set.of("data", "logs", "notebooks", "run", "tls");

    private OwnerOnly() {}

    /** Creates {@code directory} (and missing parents) and makes it {@code 0700}. */
    public static Path createDirectories(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (posix()) {
            Files.setPosixFilePermissions(directory, DIRECTORY);
        }
        return directory;
    }

    /**
     * Creates the home if needed and makes it {@code 0700}; when it was open to others, also takes the group and
     * other bits off everything below it.
     */
    public static void restrictHome(Path home) throws IOException {
        Files.createDirectories(home);
        if (!posix() || Files.getPosixFilePermissions(home).equals(DIRECTORY)) {
            return;
        }
        LOG.info("Making {} and the appliance's directories in it readable by its owner only", home);
        // Only what the appliance keeps there: a home pointed at a directory with other content leaves that alone.
        for (String directory : APPLIANCE_DIRECTORIES) {
            Path tree = home.resolve(directory);
            if (Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> entries = Files.walk(tree)) {
                    entries.filter(entry -> !Files.isSymbolicLink(entry)).forEach(OwnerOnly::removeOthers);
                }
            }
        }
        Files.setPosixFilePermissions(home, DIRECTORY);
    }

    private static void removeOthers(Path entry) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
            if (permissions.removeAll(NOT_OWNER)) {
                Files.setPosixFilePermissions(entry, permissions);
            }
        } catch (IOException vanished) {
            // a file deleted meanwhile, or one owned by someone else: nothing to tighten
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
