package io.helklab.detection.sigma;

import java.util.List;

/** Values for the {@code expand} modifier's {@code %name%} placeholders. */
@FunctionalInterface
public interface Placeholders {

    /** Nothing defined: every rule using {@code expand} is unsupported. */
    Placeholders NONE = name -> null;

    /** The values of a placeholder (Sigma strings, wildcards allowed), or null when it is not defined. */
    List<String> values(String name);
}
