package io.ductwatch.config.schema;

/**
 * A whole number within inclusive bounds. Written in decimal, or in hexadecimal ({@code 0x48}) where
 * {@link #hex()} says it is usually given that way (bus addresses).
 *
 * @param min          smallest allowed value
 * @param max          largest allowed value
 * @param hex          shown in hexadecimal in messages and documentation
 * @param outOfRange   what to say of a value outside the bounds, after the value itself
 *                     (e.g. "is not a 7-bit I2C address"); {@code null} for the generic message
 */
public record IntegerType(long min, long max, boolean hex, String outOfRange) implements ValueType {

    public static IntegerType between(long min, long max) {
        return new IntegerType(min, max, false, null);
    }

    /** A 7-bit I2C address outside the reserved ranges: 0x03 to 0x77. */
    public static IntegerType i2cAddress() {
        return new IntegerType(0x03, 0x77, true, "is not a 7-bit I2C address");
    }

    public String format(long value) {
        return hex ? String.format("0x%02x", value) : Long.toString(value);
    }

    @Override
    public String describe() {
        return "integer, " + format(min) + " to " + format(max);
    }
}
