package io.ductwatch.simulator.device;

/**
 * A DS18B20 as the Linux w1_therm driver shows it. Keeps the chip's scratchpad (datasheet Figure 9:
 * temperature LSB and MSB in 1/16 °C two's complement, TH, TL, configuration with the resolution in bits
 * 6:5, three reserved bytes, CRC) and converts on command from the temperature it is exposed to, masked to
 * its resolution. A power cycle leaves the power-on value 85 °C (0x0550) in the register until the next
 * conversion.
 */
public final class Ds18b20Device {

    private final String romId;
    private double temperatureC = 20.0;
    private int resolutionBits = 12;
    private ChipFault fault = ChipFault.NONE;
    private byte[] scratchpad = scratchpad(0x0550, 12);
    private byte[] lastGood = scratchpad;
    private boolean resetPending;
    private int reads;

    public Ds18b20Device(String romId) {
        this.romId = romId;
    }

    public String romId() {
        return romId;
    }

    public synchronized void expose(double temperatureC) {
        this.temperatureC = temperatureC;
    }

    public synchronized void setFault(ChipFault fault) {
        this.fault = fault;
    }

    public synchronized ChipFault fault() {
        return fault;
    }

    public synchronized int resolutionBits() {
        return resolutionBits;
    }

    public synchronized void setResolutionBits(int bits) {
        if (bits < 9 || bits > 12) {
            throw new IllegalArgumentException("DS18B20 resolution is 9 to 12 bits, not " + bits);
        }
        this.resolutionBits = bits;
    }

    /** The sensor loses power: its next reading, if no conversion runs first, is the power-on 85 °C. */
    public synchronized void powerCycle() {
        resetPending = true;
    }

    synchronized boolean present() {
        return fault != ChipFault.DISCONNECT;
    }

    /** A Convert T command. A chip that does not answer, or is stuck, keeps its old scratchpad. */
    synchronized void convert() {
        if (resetPending) {
            resetPending = false;
            scratchpad = scratchpad(0x0550, resolutionBits);
            return;
        }
        if (fault == ChipFault.NACK || fault == ChipFault.STUCK) {
            return;
        }
        int raw = (int) Math.round(temperatureC * 16.0);
        raw &= ~((1 << (12 - resolutionBits)) - 1);
        scratchpad = scratchpad(raw, resolutionBits);
    }

    /** What reading {@code w1_slave} shows now: empty when the read fails on the bus. */
    synchronized String w1Slave() {
        if (fault == ChipFault.NACK || (fault == ChipFault.DROPOUT && reads++ % 2 == 0)) {
            return "";
        }
        byte[] seen = scratchpad.clone();
        boolean crcOk = fault != ChipFault.CORRUPT;
        if (!crcOk) {
            seen[0] ^= 0x04;
        }
        int crc = crc(seen);
        StringBuilder text = new StringBuilder();
        hex(text, seen);
        text.append(String.format(": crc=%02x %s%n", crc, crcOk ? "YES" : "NO"));
        if (crcOk) {
            lastGood = seen;
        }
        hex(text, lastGood);
        text.append("t=").append(milliC(lastGood)).append('\n');
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    /** The kernel's w1_DS18B20_convert_temp: signed 1/16 °C to millidegrees, truncating. */
    static int milliC(byte[] pad) {
        short raw = (short) ((pad[0] & 0xFF) | ((pad[1] & 0xFF) << 8));
        return raw * 1000 / 16;
    }

    private static byte[] scratchpad(int raw, int resolutionBits) {
        byte[] pad = {(byte) raw, (byte) (raw >> 8), 0x4B, 0x46, (byte) (0x1F | ((resolutionBits - 9) << 5)),
                (byte) 0xFF, 0x0C, 0x10, 0};
        pad[8] = (byte) crc(pad);
        return pad;
    }

    /** Maxim 1-Wire CRC-8 (x^8 + x^5 + x^4 + 1, reflected, initial 0) of the first eight bytes. */
    static int crc(byte[] pad) {
        int crc = 0;
        for (int i = 0; i < 8; i++) {
            int b = pad[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                int mix = (crc ^ b) & 0x01;
                crc >>= 1;
                if (mix != 0) {
                    crc ^= 0x8C;
                }
                b >>= 1;
            }
        }
        return crc;
    }

    private static void hex(StringBuilder text, byte[] pad) {
        for (byte b : pad) {
            text.append(String.format("%02x ", b & 0xFF));
        }
    }
}
