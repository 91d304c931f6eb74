package io.ductwatch.simulator.device;

/**
 * Faults an emulated chip can be given, each as it shows on the chip's bus:
 * <ul>
 *   <li>{@code NACK}: the chip does not acknowledge any transaction (I2C NACK; 1-Wire: a failed read);</li>
 *   <li>{@code CORRUPT}: data arrive with a bit flipped, so a checksum fails (SHT31 CRC, 1-Wire CRC);</li>
 *   <li>{@code STUCK}: the chip keeps returning the last value it measured;</li>
 *   <li>{@code DROPOUT}: every other read fails (a loose contact, a noisy bus);</li>
 *   <li>{@code DISCONNECT}: the device is gone (1-Wire: off the bus; 4-20 mA: the loop is open, 0 mA);</li>
 *   <li>{@code SLOW}: every transaction stalls for {@link #SLOW_MILLIS} of wall time (a stretched clock).</li>
 * </ul>
 */
public enum ChipFault {
    NONE, NACK, CORRUPT, STUCK, DROPOUT, DISCONNECT, SLOW;

    /** How long a transaction on a {@code SLOW} device stalls, in real milliseconds. */
    public static final int SLOW_MILLIS = 50;

    /**
     * Answers an I2C transaction as a chip with this fault would: a {@code NACK}ed or disconnected chip
     * does not acknowledge, any other fault lets the transaction through.
     *
     * @param chip the chip's name, for the message
     */
    public void acknowledge(String chip) throws BusNack {
        if (this == NACK || this == DISCONNECT) {
            throw new BusNack(chip + " does not acknowledge (" + this + ")");
        }
    }
}
