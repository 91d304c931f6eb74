package io.ductwatch.config.schema;

/** {@code true} or {@code false}. */
public record BooleanType() implements ValueType {

    @Override
    public String describe() {
        return "true or false";
    }
}
