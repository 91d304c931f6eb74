package io.ductwatch.config.schema;

/**
 * The type of a value in the site file. One definition serves three readers: the loader's checks,
 * the generated JSON Schema and the generated reference in {@code docs/configuration.md}, so the
 * three never drift apart.
 */
public sealed interface ValueType
        permits IntegerType, NumberType, TextType, BooleanType, ChoiceType, FileType, ListType, MapType,
        ObjectType {

    /** Short human name of the type and its bounds, as the reference documentation shows it. */
    String describe();
}
