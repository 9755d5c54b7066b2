package io.helklab.kernel;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * The cell magics every kernel of a gateway offers. Thread-safe; magics registered while kernels
 * run are available to their next cell.
 */
public final class CellMagicRegistry {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private final SortedMap<String, CellMagic> magics = new ConcurrentSkipListMap<>();

    /**
     * Adds a magic.
     *
     * @throws IllegalArgumentException when the name is invalid or already taken
     */
    public CellMagicRegistry register(CellMagic magic) {
        String name = magic.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Cell magic name '" + name + "' of " + magic.getClass().getName()
                    + " is invalid: use a letter followed by letters, digits, '-' or '_' (the part after %%).");
        }
        CellMagic previous = magics.putIfAbsent(name, magic);
        if (previous != null) {
            throw new IllegalArgumentException("Cell magic %%" + name + " is already registered by "
                    + previous.getClass().getName() + "; pick another name for " + magic.getClass().getName() + ".");
        }
        return this;
    }

    public Optional<CellMagic> find(String name) {
        return Optional.ofNullable(magics.get(name));
    }

    /** A listing of the registered magics, one {@code %%name — description} per line, by name. */
    public String describe() {
        if (magics.isEmpty()) {
            return "(no cell magics are registered)";
        }
        StringBuilder listing = new StringBuilder();
        for (Map.Entry<String, CellMagic> entry : magics.entrySet()) {
            if (listing.length() > 0) {
                listing.append('\n');
            }
            listing.append("%%").append(entry.getKey()).append(" — ").append(entry.getValue().description());
        }
        return listing.toString();
    }
}
