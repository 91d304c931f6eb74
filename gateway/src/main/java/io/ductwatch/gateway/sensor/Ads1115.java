package io.ductwatch.gateway.sensor;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;

/**
 * Texas Instruments ADS1115 16-bit ADC on I2C, read single-ended in single-shot mode.
 *
 * <p>Datasheet (SBAS444D): config register 0x01 (section 9.6.3): OS bit 15 (write 1 starts a
 * conversion, reads 1 when idle), MUX bits 14:12 (100-111: AINx against GND), PGA bits 11:9, MODE bit 8
 * (1 single-shot), DR bits 7:5 (111: 860 samples/s, 1.2 ms a conversion), comparator off (COMP_QUE 11).
 * Conversion register 0x00 holds a 16-bit two's complement value, most significant byte first; one LSB
 * is the full-scale range / 32768 (section 9.3.3, Table 3).
 *
 * <p>Thread-safe: each read holds the I2C bus lock for the whole write-poll-read transaction, so the
 * channel drivers that share one chip may run from different tasks.
 */
public final class Ads1115 {

    static final int REG_CONVERSION = 0x00;
    static final int REG_CONFIG = 0x01;
    static final int OS_START = 0x8000;
    static final int MODE_SINGLE_SHOT = 0x0100;
    static final int DR_860_SPS = 0b111 << 5;
    static final int COMPARATOR_OFF = 0b11;
    /** Most status polls before a conversion counts as failed; 860 SPS needs two or three. */
    static final int MAX_POLLS = 50;

    /** Programmable gain: full-scale range and its PGA bits (Table 3 and section 9.6.3). */
    public enum Gain {
        FS_6_144V(0b000, 6.144), FS_4_096V(0b001, 4.096), FS_2_048V(0b010, 2.048),
        FS_1_024V(0b011, 1.024), FS_0_512V(0b100, 0.512), FS_0_256V(0b101, 0.256);

        private final int bits;
        private final double fullScaleV;

        Gain(int bits, double fullScaleV) {
            this.bits = bits;
            this.fullScaleV = fullScaleV;
        }

        public int bits() {
            return bits;
        }

        public double fullScaleV() {
            return fullScaleV;
        }

        /** Volts per count. */
        public double lsbV() {
            return fullScaleV / 32768.0;
        }

        /** The finest range that still holds {@code volts}. */
        public static Gain covering(double volts) {
            Gain best = FS_6_144V;
            for (Gain g : values()) {
                if (g.fullScaleV >= volts && g.fullScaleV < best.fullScaleV) {
                    best = g;
                }
            }
            return best;
        }

        public static Gain fromBits(int bits) {
            for (Gain g : values()) {
                if (g.bits == bits) {
                    return g;
                }
            }
            return FS_0_256V;
        }
    }

    private final I2C i2c;

    public Ads1115(I2C i2c) {
        this.i2c = i2c;
    }

    public int bus() {
        return i2c.bus();
    }

    public int address() {
        return i2c.device();
    }

    /** The config word that starts one single-shot conversion of {@code channel} against ground. */
    public static int singleShotConfig(int channel, Gain gain) {
        if (channel < 0 || channel > 3) {
            throw new IllegalArgumentException("ADS1115 channel " + channel + " is not AIN0-AIN3");
        }
        return OS_START | ((0b100 | channel) << 12) | (gain.bits() << 9) | MODE_SINGLE_SHOT | DR_860_SPS
                | COMPARATOR_OFF;
    }

    /** Volts for a raw conversion value at a gain. */
    public static double volts(short raw, Gain gain) {
        return raw * gain.lsbV();
    }

    /**
     * Converts one channel: writes the config, polls the OS bit until the conversion is done, reads
     * the result.
     *
     * @throws AdcReadException when the chip does not answer or never finishes the conversion
     */
    public double readVolts(int channel, Gain gain) throws AdcReadException {
        int config = singleShotConfig(channel, gain);
        Short raw;
        try {
            raw = i2c.execute(() -> {
                i2c.writeRegisterWord(REG_CONFIG, config);
                for (int poll = 0; poll < MAX_POLLS; poll++) {
                    if ((i2c.readRegisterWord(REG_CONFIG) & OS_START) != 0) {
                        return (short) i2c.readRegisterWord(REG_CONVERSION);
                    }
                }
                return null;
            });
        } catch (Pi4JException e) {
            Throwable cause = e.getCause() instanceof Pi4JException inner ? inner : e;
            throw new AdcReadException("no answer (" + cause.getMessage() + ")", e);
        }
        if (raw == null) {
            throw new AdcReadException("conversion not done after " + MAX_POLLS + " status polls");
        }
        return volts(raw, gain);
    }

    /** A channel that could not be read. */
    public static final class AdcReadException extends Exception {

        private static final long serialVersionUID = 1L;

        AdcReadException(String message) {
            super(message);
        }

        AdcReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
