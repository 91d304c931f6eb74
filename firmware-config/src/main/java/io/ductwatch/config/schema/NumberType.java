package io.ductwatch.config.schema;

/**
 * A decimal number within inclusive bounds.
 */
public record NumberType(double min, double max) implements ValueType {

    public static NumberType between(double min, double max) {
        return new NumberType(min, max);
    }

    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    @Override
    public String describe() {
        return "number, " + format(min) + " to " + format(max);
    }
}
