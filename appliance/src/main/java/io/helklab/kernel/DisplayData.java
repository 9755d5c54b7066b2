package io.helklab.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A ready-made {@link Displayable}: an immutable MIME bundle.
 *
 * @param mimeBundle MIME type to content, in the order front ends should prefer them
 */
public record DisplayData(Map<String, Object> mimeBundle) implements Displayable {

    public static final String TEXT_PLAIN = "text/plain";
    public static final String TEXT_HTML = "text/html";
    public static final String VEGA_LITE = "application/vnd.vegalite.v4+json";

    public DisplayData {
        Objects.requireNonNull(mimeBundle, "mimeBundle");
        if (mimeBundle.isEmpty()) {
            throw new IllegalArgumentException("A display bundle needs at least one MIME type, e.g. text/plain");
        }
        mimeBundle = Collections.unmodifiableMap(new LinkedHashMap<>(mimeBundle));
    }

    public static DisplayData text(String text) {
        return new DisplayData(Map.of(TEXT_PLAIN, text));
    }

    /** HTML with a plain-text fallback for front ends that do not render HTML. */
    public static DisplayData html(String html, String textFallback) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(TEXT_HTML, html);
        bundle.put(TEXT_PLAIN, textFallback);
        return new DisplayData(bundle);
    }

    /**
     * A Vega-Lite chart; Notebook 6.4 renders {@code application/vnd.vegalite.v4+json} natively,
     * other front ends fall back to the HTML (e.g. a table of the data).
     *
     * @param specification the Vega-Lite specification, as maps and lists or a Jackson tree
     */
    public static DisplayData vegaLite(Object specification, String htmlFallback) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(VEGA_LITE, specification);
        bundle.put(TEXT_HTML, htmlFallback);
        bundle.put(TEXT_PLAIN, "Vega-Lite chart (open the notebook in Jupyter to see it)");
        return new DisplayData(bundle);
    }
}
