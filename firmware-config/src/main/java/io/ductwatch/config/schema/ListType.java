package io.ductwatch.config.schema;

/** A YAML sequence of values of one type. */
public record ListType(ValueType element, int minItems, int maxItems) implements ValueType {

    public static ListType of(ValueType element, int minItems, int maxItems) {
        return new ListType(element, minItems, maxItems);
    }

    @Override
    public String describe() {
        String of = element instanceof ObjectType o ? o.name() : element.describe();
        return "list of " + of + " (" + minItems + " to " + maxItems + ")";
    }
}
