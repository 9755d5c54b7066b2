package io.helklab.kernel;

import java.util.Map;

/**
 * A value that knows how Jupyter should show it. When the last expression of a cell (or a cell
 * magic) yields a {@code Displayable}, the kernel sends its MIME bundle as the cell's result instead
 * of the value's {@code toString()}.
 *
 * <p>The bundle maps MIME types to content Jackson can serialise: strings for {@code text/plain}
 * and {@code text/html}, maps/lists or {@code JsonNode}s for JSON types such as
 * {@code application/vnd.vegalite.v4+json}. Include {@code text/plain} (or {@code text/html}) as a
 * fallback for front ends that cannot render the richer type. Called on the kernel's execution
 * thread; an exception thrown here is reported as the cell's error.
 */
public interface Displayable {

    Map<String, Object> mimeBundle();
}
