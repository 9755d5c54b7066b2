package io.helklab.kernel;

/** HTML escaping, the one implementation the kernel, the notebook renderers and the front door share. */
public final class HtmlText {
    private HtmlText() {
    }

    /** {@code value} as text that is safe in element content and in single- or double-quoted attribute values. */
    public static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder escaped = new StringBuilder(text.length());
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }
}
