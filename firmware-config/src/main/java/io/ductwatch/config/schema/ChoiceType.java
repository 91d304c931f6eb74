package io.ductwatch.config.schema;

import java.util.List;

/** One of a fixed set of words, matched exactly (case counts). */
public record ChoiceType(List<String> values) implements ValueType {

    public ChoiceType {
        values = List.copyOf(values);
    }

    public static ChoiceType of(String... values) {
        return new ChoiceType(List.of(values));
    }

    @Override
    public String describe() {
        return "one of " + String.join(", ", values);
    }
}
