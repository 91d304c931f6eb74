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
 * Bosch BME280 temperature, pressure and humidity sensor on I2C, in forced mode with oversampling x1.
 *
 * <p>Datasheet (BME280, rev 1.24): chip id 0x60 in register 0xD0 (section 5.4.1); calibration read once
 * from 0x88-0xA1 and 0xE1-0xE7 ({@link Bme280Calibration}); ctrl_hum 0xF2 must be written before ctrl_meas
 * 0xF4 for it to take effect (section 5.4.3); a forced measurement with x1 oversampling on all three takes
 * at most 9.3 ms (section 9.1); results in 0xF7-0xFE, pressure and temperature 20-bit, humidity 16-bit,
 * most significant byte first (section 5.4.7-5.4.9).
 */
public final class Bme280Driver implements SensorDriver {

    static final int REG_CHIP_ID = 0xD0;
    static final int CHIP_ID = 0x60;
    static final int REG_CALIB_1 = 0x88;
    static final int REG_CALIB_2 = 0xE1;
    static final int REG_CTRL_HUM = 0xF2;
    static final int REG_CTRL_MEAS = 0xF4;
    static final int REG_DATA = 0xF7;
    /** osrs_h = x1. */
    static final int CTRL_HUM_X1 = 0x01;
    /** osrs_t = x1, osrs_p = x1, mode = forced. */
    static final int CTRL_MEAS_FORCED_X1 = 0b001_001_01;
    static final Duration MEASUREMENT_TIME = Duration.ofMillis(10);

    private final I2C i2c;
    private final String sensorId;
    private Bme280Calibration calibration;
    private String startFailure;

    public Bme280Driver(I2C i2c, String sensorId) {
        this.i2c = i2c;
        this.sensorId = sensorId;
    }

    @Override
    public String name() {
        return String.format("BME280 i2c-%d 0x%02x", i2c.bus(), i2c.device());
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
            if (calibration == null) {
                int id = i2c.readRegister(REG_CHIP_ID);
                if (id != CHIP_ID) {
                    startFailure = String.format("chip id 0x%02x is not a BME280's (0x60)", id);
                    return;
                }
                byte[] block1 = new byte[Bme280Calibration.BLOCK1_LENGTH];
                byte[] block2 = new byte[Bme280Calibration.BLOCK2_LENGTH];
                readFully(REG_CALIB_1, block1);
                readFully(REG_CALIB_2, block2);
                calibration = Bme280Calibration.parse(block1, block2);
            }
            i2c.writeRegister(REG_CTRL_HUM, (byte) CTRL_HUM_X1);
            i2c.writeRegister(REG_CTRL_MEAS, (byte) CTRL_MEAS_FORCED_X1);
            startFailure = null;
        } catch (Pi4JException | ShortReadException e) {
            startFailure = "no answer (" + e.getMessage() + ")";
        }
    }

    @Override
    public List<Reading> collect(Instant at) {
        if (startFailure != null) {
            return faults(Quality.NO_RESPONSE, at, startFailure);
        }
        byte[] data = new byte[8];
        try {
            readFully(REG_DATA, data);
        } catch (Pi4JException | ShortReadException e) {
            return faults(Quality.NO_RESPONSE, at, "no answer to the data read (" + e.getMessage() + ")");
        }
        int adcP = ((data[0] & 0xFF) << 12) | ((data[1] & 0xFF) << 4) | ((data[2] & 0xFF) >> 4);
        int adcT = ((data[3] & 0xFF) << 12) | ((data[4] & 0xFF) << 4) | ((data[5] & 0xFF) >> 4);
        int adcH = ((data[6] & 0xFF) << 8) | (data[7] & 0xFF);
        if (adcT == 0x80000) {
            // Datasheet 5.4.8: 0x80000 means the measurement was skipped (no forced conversion ran).
            return faults(Quality.NO_RESPONSE, at, "no measurement in the data registers (0x80000)");
        }
        int tFine = calibration.tFine(adcT);
        return List.of(
                Reading.ok(sensorId, Quantity.TEMPERATURE, calibration.temperatureC(adcT), at),
                Reading.ok(sensorId, Quantity.HUMIDITY, calibration.humidityPct(adcH, tFine), at),
                Reading.ok(sensorId, Quantity.PRESSURE, calibration.pressurePa(adcP, tFine) / 100.0, at));
    }

    private void readFully(int register, byte[] buffer) throws ShortReadException {
        int count = i2c.readRegister(register, buffer, 0, buffer.length);
        if (count != buffer.length) {
            throw new ShortReadException(count, buffer.length);
        }
    }

    private List<Reading> faults(Quality quality, Instant at, String detail) {
        return List.of(Reading.fault(sensorId, Quantity.TEMPERATURE, quality, at, detail),
                Reading.fault(sensorId, Quantity.HUMIDITY, quality, at, detail),
                Reading.fault(sensorId, Quantity.PRESSURE, quality, at, detail));
    }
}
