package io.ductwatch.gateway.sensor;

import java.util.OptionalInt;

/**
 * Parses the {@code w1_slave} file of a w1_therm device (Linux, drivers/w1/slaves/w1_therm.c): line one
 * holds the nine scratchpad bytes, the CRC the kernel computed and {@code YES} or {@code NO}; line two
 * the bytes again and {@code t=} with the temperature in millidegrees Celsius. When the CRC failed the
 * kernel prints the last good bytes on line two, so {@code t=} is only believed after a {@code YES}. An
 * empty file means no data: a conversion still running, or a read that failed on the bus.
 */
public final class W1Slave {

    /** What a w1_slave file says. */
    public enum Verdict { OK, CRC_MISMATCH, EMPTY, MALFORMED }

    private final Verdict verdict;
    private final int milliC;

    private W1Slave(Verdict verdict, int milliC) {
        this.verdict = verdict;
        this.milliC = milliC;
    }

    public static W1Slave parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return new W1Slave(Verdict.EMPTY, 0);
        }
        String[] lines = trimmed.split("\n");
        if (lines.length < 2 || !lines[0].contains("crc=")) {
            return new W1Slave(Verdict.MALFORMED, 0);
        }
        String first = lines[0].strip();
        if (first.endsWith("NO")) {
            return new W1Slave(Verdict.CRC_MISMATCH, 0);
        }
        if (!first.endsWith("YES")) {
            return new W1Slave(Verdict.MALFORMED, 0);
        }
        int at = lines[1].indexOf("t=");
        if (at < 0) {
            return new W1Slave(Verdict.MALFORMED, 0);
        }
        try {
            return new W1Slave(Verdict.OK, Integer.parseInt(lines[1].substring(at + 2).strip()));
        } catch (NumberFormatException e) {
            return new W1Slave(Verdict.MALFORMED, 0);
        }
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The temperature in millidegrees, when the verdict is OK. */
    public OptionalInt milliC() {
        return verdict == Verdict.OK ? OptionalInt.of(milliC) : OptionalInt.empty();
    }
}
