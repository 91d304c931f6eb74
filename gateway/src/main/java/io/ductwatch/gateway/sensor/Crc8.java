package io.ductwatch.gateway.sensor;

/**
 * CRC-8 with polynomial 0x31 (x^8 + x^5 + x^4 + 1), initial value 0xFF, no reflection, no final XOR:
 * the checksum Sensirion SHT3x sensors send after every 16-bit word (SHT3x datasheet section 4.12,
 * Table 19: CRC of 0xBEEF is 0x92).
 */
public final class Crc8 {

    private Crc8() {
    }

    /** CRC of {@code length} bytes of {@code data} from {@code offset}. */
    public static int sensirion(byte[] data, int offset, int length) {
        int crc = 0xFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }
}
