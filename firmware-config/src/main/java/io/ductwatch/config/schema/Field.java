package io.ductwatch.config.schema;

import java.util.Objects;

/**
 * One key of a site-file mapping: its type, whether it is required, its default, unit and meaning.
 *
 * @param name         the key as written in YAML (camelCase, unit suffix where it has one)
 * @param type         what its value must be
 * @param required     whether the key must be present
 * @param defaultValue value taken when the key is absent ({@code null}: none); of the Java type the
 *                     loader produces for {@code type} (Long, Double, String, Boolean)
 * @param unit         unit of the value ("m", "ms", "K/min"), or {@code null}
 * @param description  one or two sentences for the reference documentation
 */
public record Field(String name, ValueType type, boolean required, Object defaultValue, String unit,
                    String description) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description of " + name);
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + ": a required key has no default");
        }
    }

    public static Field required(String name, ValueType type, String description) {
        return new Field(name, type, true, null, null, description);
    }

    public static Field optional(String name, ValueType type, String description) {
        return new Field(name, type, false, null, null, description);
    }

    public static Field withDefault(String name, ValueType type, Object defaultValue, String description) {
        return new Field(name, type, false, Objects.requireNonNull(defaultValue, "default"), null, description);
    }

    public Field unit(String newUnit) {
        return new Field(name, type, required, defaultValue, newUnit, description);
    }
}
