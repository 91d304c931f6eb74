package io.ductwatch.gateway.sensor;

/**
 * The trimming parameters a BME280 carries in its non-volatile memory, and the compensation formulas
 * that turn raw ADC values into physical ones.
 *
 * <p>Datasheet (BME280, rev 1.24): register layout in section 5.4.1 and Table 16 (dig_T1..dig_H6,
 * 0x88-0xA1 and 0xE1-0xE7, little-endian words); compensation in section 4.2.3 (temperature and
 * humidity in 32-bit, pressure in 64-bit integer arithmetic), written here as the datasheet gives it.
 */
public record Bme280Calibration(int digT1, int digT2, int digT3,
                                int digP1, int digP2, int digP3, int digP4, int digP5, int digP6, int digP7,
                                int digP8, int digP9,
                                int digH1, int digH2, int digH3, int digH4, int digH5, int digH6) {

    /** Length of the first calibration block, 0x88 to 0xA1 inclusive. */
    public static final int BLOCK1_LENGTH = 26;
    /** Length of the second calibration block, 0xE1 to 0xE7 inclusive. */
    public static final int BLOCK2_LENGTH = 7;

    /**
     * Parses the two register blocks (Table 16).
     *
     * @param block1 registers 0x88..0xA1
     * @param block2 registers 0xE1..0xE7
     */
    public static Bme280Calibration parse(byte[] block1, byte[] block2) {
        return new Bme280Calibration(
                u16(block1, 0), s16(block1, 2), s16(block1, 4),
                u16(block1, 6), s16(block1, 8), s16(block1, 10), s16(block1, 12), s16(block1, 14),
                s16(block1, 16), s16(block1, 18), s16(block1, 20), s16(block1, 22),
                block1[25] & 0xFF,
                s16(block2, 0),
                block2[2] & 0xFF,
                (block2[3] << 4) | (block2[4] & 0x0F),
                (block2[5] << 4) | ((block2[4] & 0xFF) >> 4),
                block2[6]);
    }

    /** The two blocks {@link #parse} reads, for chip emulations. */
    public byte[][] toRegisters() {
        byte[] b1 = new byte[BLOCK1_LENGTH];
        int[] words = {digT1, digT2, digT3, digP1, digP2, digP3, digP4, digP5, digP6, digP7, digP8, digP9};
        for (int i = 0; i < words.length; i++) {
            b1[2 * i] = (byte) words[i];
            b1[2 * i + 1] = (byte) (words[i] >> 8);
        }
        b1[25] = (byte) digH1;
        byte[] b2 = new byte[BLOCK2_LENGTH];
        b2[0] = (byte) digH2;
        b2[1] = (byte) (digH2 >> 8);
        b2[2] = (byte) digH3;
        b2[3] = (byte) (digH4 >> 4);
        b2[4] = (byte) ((digH4 & 0x0F) | ((digH5 & 0x0F) << 4));
        b2[5] = (byte) (digH5 >> 4);
        b2[6] = (byte) digH6;
        return new byte[][] {b1, b2};
    }

    /** t_fine, the fine temperature the pressure and humidity formulas need (section 4.2.3). */
    public int tFine(int adcT) {
        int var1 = (((adcT >> 3) - (digT1 << 1)) * digT2) >> 11;
        int var2 = (((((adcT >> 4) - digT1) * ((adcT >> 4) - digT1)) >> 12) * digT3) >> 14;
        return var1 + var2;
    }

    /** Temperature in °C, resolution 0.01 (section 4.2.3, BME280_compensate_T_int32). */
    public double temperatureC(int adcT) {
        return ((tFine(adcT) * 5 + 128) >> 8) / 100.0;
    }

    /** Pressure in Pa (section 4.2.3, BME280_compensate_P_int64, a Q24.8 value). */
    public double pressurePa(int adcP, int tFine) {
        long var1 = (long) tFine - 128000;
        long var2 = var1 * var1 * digP6;
        var2 = var2 + ((var1 * digP5) << 17);
        var2 = var2 + (((long) digP4) << 35);
        var1 = ((var1 * var1 * digP3) >> 8) + ((var1 * digP2) << 12);
        var1 = ((((1L) << 47) + var1) * digP1) >> 33;
        if (var1 == 0) {
            return 0;
        }
        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (((long) digP9) * (p >> 13) * (p >> 13)) >> 25;
        var2 = (((long) digP8) * p) >> 19;
        p = ((p + var1 + var2) >> 8) + (((long) digP7) << 4);
        return (p & 0xFFFFFFFFL) / 256.0;
    }

    /** Relative humidity in % (section 4.2.3, bme280_compensate_H_int32, a Q22.10 value). */
    public double humidityPct(int adcH, int tFine) {
        int v = tFine - 76800;
        v = ((((adcH << 14) - (digH4 << 20) - (digH5 * v)) + 16384) >> 15)
                * (((((((v * digH6) >> 10) * (((v * digH3) >> 11) + 32768)) >> 10) + 2097152) * digH2 + 8192) >> 14);
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * digH1) >> 4);
        v = Math.max(0, Math.min(419430400, v));
        return (v >>> 12) / 1024.0;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    private static int s16(byte[] b, int i) {
        return (short) u16(b, i);
    }
}
