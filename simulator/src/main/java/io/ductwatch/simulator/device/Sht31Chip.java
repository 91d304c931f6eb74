package io.ductwatch.simulator.device;

import io.ductwatch.gateway.sensor.Crc8;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * An SHT31 as its datasheet (SHT3x-DIS v7) describes it on the bus: single-shot commands without clock
 * stretching (0x2400 high, 0x240B medium, 0x2416 low repeatability; section 4.3), the status register
 * (0xF32D, section 4.11), NACK on a read while
 * the measurement runs (15 ms at most, Table 4) or when none was started, six result bytes with a CRC
 * after each word (sections 4.4 and 4.12), soft reset 0x30A2 (section 4.9). Unknown commands are NACKed.
 * Measurement time runs on the simulator's clock.
 */
public final class Sht31Chip implements I2cDevice {

    static final Duration MEASUREMENT_TIME = Duration.ofMillis(15);

    private final Supplier<Instant> clock;
    private double temperatureC = 20.0;
    private double humidityPct = 50.0;
    private ChipFault fault = ChipFault.NONE;
    private byte[] result;
    private byte[] lastResult;
    private Instant readyAt;
    private int reads;

    public Sht31Chip(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** The air the sensor is in. */
    public synchronized void expose(double temperatureC, double humidityPct) {
        this.temperatureC = temperatureC;
        this.humidityPct = humidityPct;
    }

    public synchronized void setFault(ChipFault fault) {
        this.fault = fault;
    }

    @Override
    public synchronized ChipFault fault() {
        return fault;
    }

    @Override
    public synchronized void write(byte[] data) throws BusNack {
        fault.acknowledge("SHT31");
        if (data.length == 0) {
            return; // an address-only write (a probe): acknowledged, no command
        }
        int command = data.length == 2 ? ((data[0] & 0xFF) << 8) | (data[1] & 0xFF) : -1;
        switch (command) {
            case 0x2400, 0x240B, 0x2416 -> {
                result = fault == ChipFault.STUCK && lastResult != null ? lastResult : encode();
                readyAt = clock.get().plus(MEASUREMENT_TIME);
            }
            case 0x30A2 -> result = null;
            case 0xF32D -> {
                result = new byte[] {(byte) 0x80, 0x10, 0};
                result[2] = (byte) Crc8.sensirion(result, 0, 2);
                readyAt = clock.get();
            }
            default -> throw new BusNack(String.format("SHT31 does not know command 0x%04x", command));
        }
    }

    @Override
    public synchronized byte[] read(int length) throws BusNack {
        fault.acknowledge("SHT31");
        if (result == null || clock.get().isBefore(readyAt)) {
            throw new BusNack("SHT31 has no measurement ready");
        }
        if (fault == ChipFault.DROPOUT && reads++ % 2 == 0) {
            throw new BusNack("SHT31 dropped out");
        }
        byte[] out = java.util.Arrays.copyOf(result, Math.min(length, result.length));
        lastResult = result;
        result = null;
        if (fault == ChipFault.CORRUPT) {
            out[0] ^= 0x01;
        }
        return out;
    }

    private byte[] encode() {
        int rawT = clamp16((temperatureC + 45.0) / 175.0 * 65535.0);
        int rawRh = clamp16(humidityPct / 100.0 * 65535.0);
        byte[] out = {(byte) (rawT >> 8), (byte) rawT, 0, (byte) (rawRh >> 8), (byte) rawRh, 0};
        out[2] = (byte) Crc8.sensirion(out, 0, 2);
        out[5] = (byte) Crc8.sensirion(out, 3, 2);
        return out;
    }

    private static int clamp16(double value) {
        return (int) Math.max(0, Math.min(65535, Math.round(value)));
    }
}
