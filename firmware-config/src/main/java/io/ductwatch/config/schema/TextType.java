package io.ductwatch.config.schema;

import java.util.regex.Pattern;

/**
 * Text, optionally constrained by a regular expression that must match the whole value.
 *
 * @param pattern     the whole value must match it; {@code null} for any non-empty text
 * @param patternHint what a matching value looks like, for messages ("28- and 12 hex digits")
 * @param maxLength   longest allowed value in characters
 */
public record TextType(Pattern pattern, String patternHint, int maxLength) implements ValueType {

    public static TextType any() {
        return new TextType(null, null, 500);
    }

    public static TextType matching(String regex, String hint) {
        return new TextType(Pattern.compile(regex), hint, 500);
    }

    /** Identifiers used in MQTT topics and file names: letters, digits, '-', '_', '.'; 1 to 64. */
    public static TextType identifier() {
        return new TextType(Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"),
                "1-64 letters, digits, '-', '_' or '.', starting with a letter or digit", 64);
    }

    @Override
    public String describe() {
        return patternHint == null ? "text" : "text: " + patternHint;
    }
}
