package io.ductwatch.gateway.sensor;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sensirion SHT31 temperature and humidity sensor on I2C, in single-shot mode without clock stretching
 * (the Raspberry Pi's I2C controller mishandles stretching).
 *
 * <p>Datasheet (SHT3x-DIS, v7): command 0x2400 starts a high-repeatability measurement (section 4.3,
 * Table 9); it takes at most 15 ms (Table 4), during which the sensor NACKs reads; the result is six
 * bytes, temperature MSB, LSB, CRC, humidity MSB, LSB, CRC (section 4.4); CRC per {@link Crc8}; conversion
 * T = -45 + 175 * S_T / (2^16 - 1) °C and RH = 100 * S_RH / (2^16 - 1) % (section 4.13).
 */
public final class Sht31Driver implements SensorDriver {

    static final byte[] MEASURE_HIGH_REPEATABILITY = {0x24, 0x00};
    static final Duration MEASUREMENT_TIME = Duration.ofMillis(16);

    private final I2C i2c;
    private final String sensorId;
    private String startFailure;

    public Sht31Driver(I2C i2c, String sensorId) {
        this.i2c = i2c;
        this.sensorId = sensorId;
    }

    @Override
    public String name() {
        return String.format("SHT31 i2c-%d 0x%02x", i2c.bus(), i2c.device());
    }

    @Override
    public List<String> sensorIds() {
        return List.of(sensorId);
    }

    @Override
    public Duration conversionTime() {
        return MEASUREMENT_TIME;
    }

    @Override
    public void start() {
        try {
            i2c.write(MEASURE_HIGH_REPEATABILITY, 0, MEASURE_HIGH_REPEATABILITY.length);
            startFailure = null;
        } catch (Pi4JException e) {
            startFailure = "no answer to the measure command (" + e.getMessage() + ")";
        }
    }

    @Override
    public List<Reading> collect(Instant at) {
        if (startFailure != null) {
            return faults(Quality.NO_RESPONSE, at, startFailure);
        }
        byte[] data = new byte[6];
        int count;
        try {
            count = i2c.read(data, 0, data.length);
        } catch (Pi4JException e) {
            return faults(Quality.NO_RESPONSE, at, "no answer to the read (" + e.getMessage() + ")");
        }
        if (count != data.length) {
            return faults(Quality.NO_RESPONSE, at, "short read: " + count + " of 6 bytes");
        }
        if (Crc8.sensirion(data, 0, 2) != (data[2] & 0xFF) || Crc8.sensirion(data, 3, 2) != (data[5] & 0xFF)) {
            return faults(Quality.CRC_ERROR, at, "CRC mismatch");
        }
        return List.of(
                Reading.ok(sensorId, Quantity.TEMPERATURE, temperatureC(word(data, 0)), at),
                Reading.ok(sensorId, Quantity.HUMIDITY, humidityPct(word(data, 3)), at));
    }

    /** Datasheet section 4.13, equation 2. */
    static double temperatureC(int raw) {
        return -45.0 + 175.0 * raw / 65535.0;
    }

    /** Datasheet section 4.13, equation 1. */
    static double humidityPct(int raw) {
        return 100.0 * raw / 65535.0;
    }

    private static int word(byte[] data, int offset) {
        return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
    }

    private List<Reading> faults(Quality quality, Instant at, String detail) {
        return List.of(Reading.fault(sensorId, Quantity.TEMPERATURE, quality, at, detail),
                Reading.fault(sensorId, Quantity.HUMIDITY, quality, at, detail));
    }
}
