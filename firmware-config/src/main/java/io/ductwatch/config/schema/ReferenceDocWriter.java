package io.ductwatch.config.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the reference part of {@code docs/configuration.md}: one table per mapping, every key with
 * its type and bounds, unit, default and meaning. Generated from the same {@link SiteSchema} the loader
 * checks against, so the documentation cannot drift from the validator.
 */
public final class ReferenceDocWriter {

    public static final String BEGIN = "<!-- BEGIN GENERATED REFERENCE: do not edit; see docs/configuration.md's foot -->";
    public static final String END = "<!-- END GENERATED REFERENCE -->";

    private final StringBuilder out = new StringBuilder();

    private ReferenceDocWriter() {
    }

    /** The reference as Markdown, between {@link #BEGIN} and {@link #END} lines. */
    public static String write(ObjectType root) {
        ReferenceDocWriter writer = new ReferenceDocWriter();
        writer.out.append(BEGIN).append("\n\n");
        writer.section("(top level)", root);
        writer.out.append(END).append("\n");
        return writer.out.toString();
    }

    private void section(String path, ObjectType type) {
        out.append("### `").append(path).append("`\n\n").append(type.description()).append("\n\n");
        table(type.fields());
        List<Map.Entry<String, ObjectType>> nested = new ArrayList<>();
        collectNested(path, type.fields(), nested);
        for (Map.Entry<String, List<Field>> variant : type.variants().entrySet()) {
            out.append("With `").append(type.variantKey()).append(": ").append(variant.getKey()).append("`:\n\n");
            table(variant.getValue());
            collectNested(path, variant.getValue(), nested);
        }
        for (Map.Entry<String, ObjectType> child : nested) {
            section(child.getKey(), child.getValue());
        }
    }

    private static void collectNested(String path, List<Field> fields, List<Map.Entry<String, ObjectType>> nested) {
        String prefix = path.equals("(top level)") ? "" : path + ".";
        for (Field field : fields) {
            if (field.type() instanceof ObjectType object) {
                nested.add(Map.entry(prefix + field.name(), object));
            } else if (field.type() instanceof ListType list && list.element() instanceof ObjectType object) {
                nested.add(Map.entry(prefix + field.name() + "[]", object));
            }
        }
    }

    private void table(List<Field> fields) {
        out.append("| key | type | unit | default | meaning |\n");
        out.append("|---|---|---|---|---|\n");
        for (Field field : fields) {
            out.append("| `").append(field.name()).append("` | ")
                    .append(escape(field.type().describe())).append(" | ")
                    .append(field.unit() == null ? "" : escape(field.unit())).append(" | ")
                    .append(defaultText(field)).append(" | ")
                    .append(escape(field.description())).append(" |\n");
        }
        out.append("\n");
    }

    private static String defaultText(Field field) {
        if (field.required()) {
            return "**required**";
        }
        Object value = field.defaultValue();
        if (value == null) {
            return "optional";
        }
        if (value instanceof Map<?, ?>) {
            return "all defaults";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "`[]`" : "`" + list + "`";
        }
        if (value instanceof Long l && field.type() instanceof IntegerType integer) {
            return "`" + integer.format(l) + "`";
        }
        if (value instanceof Double d) {
            return "`" + NumberType.format(d) + "`";
        }
        return "`" + value + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
