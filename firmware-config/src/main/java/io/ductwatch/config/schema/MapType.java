package io.ductwatch.config.schema;

/** A YAML mapping whose keys the user names (device ids, say), each with a value of one type. */
public record MapType(ValueType value) implements ValueType {

    @Override
    public String describe() {
        return "mapping of names to " + value.describe();
    }
}
