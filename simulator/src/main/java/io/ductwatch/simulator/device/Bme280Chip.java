package io.ductwatch.simulator.device;

import io.ductwatch.gateway.sensor.Bme280Calibration;
import java.util.function.IntToDoubleFunction;

/**
 * A BME280 as its datasheet (rev 1.24) describes it on the bus: 8-bit registers read with an
 * auto-incrementing pointer, written as (register, value) pairs (section 6.2.1); chip id 0x60 at 0xD0;
 * trimming parameters at 0x88-0xA1 and 0xE1-0xE7; a write of ctrl_meas 0xF4 with mode forced measures
 * once and returns to sleep (section 3.3.3); results at 0xF7-0xFE. The raw values it reports are found by
 * inverting the datasheet's compensation for the physical values it is exposed to, so the gateway's
 * driver, compensating them, reads back what the simulator set (to the chip's resolution).
 */
public final class Bme280Chip implements I2cDevice {

    /** Trimming of this emulated chip: Bosch's worked example for T and P, typical values for H. */
    public static final Bme280Calibration CALIBRATION = new Bme280Calibration(27504, 26435, -1000,
            36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
            75, 362, 0, 313, 50, 30);

    private final byte[] registers = new byte[256];
    private double temperatureC = 20.0;
    private double humidityPct = 50.0;
    private double pressureHpa = 1013.25;
    private ChipFault fault = ChipFault.NONE;
    private int pointer;

    public Bme280Chip() {
        registers[0xD0] = 0x60;
        byte[][] trim = CALIBRATION.toRegisters();
        System.arraycopy(trim[0], 0, registers, 0x88, trim[0].length);
        System.arraycopy(trim[1], 0, registers, 0xE1, trim[1].length);
        // Data registers after reset: 0x80000 / 0x8000, "no measurement".
        registers[0xF7] = (byte) 0x80;
        registers[0xFA] = (byte) 0x80;
        registers[0xFD] = (byte) 0x80;
    }

    public synchronized void expose(double temperatureC, double humidityPct, double pressureHpa) {
        this.temperatureC = temperatureC;
        this.humidityPct = humidityPct;
        this.pressureHpa = pressureHpa;
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
        fault.acknowledge("BME280");
        if (data.length == 1) {
            pointer = data[0] & 0xFF;
            return;
        }
        for (int i = 0; i + 1 < data.length; i += 2) {
            int register = data[i] & 0xFF;
            registers[register] = data[i + 1];
            if (register == 0xF4 && (data[i + 1] & 0x03) != 0) {
                if (fault != ChipFault.STUCK) {
                    measure();
                }
                registers[0xF4] = (byte) (data[i + 1] & ~0x03);
            }
        }
    }

    @Override
    public synchronized byte[] read(int length) throws BusNack {
        fault.acknowledge("BME280");
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = registers[(pointer + i) & 0xFF];
        }
        pointer = (pointer + length) & 0xFF;
        return out;
    }

    private void measure() {
        int adcT = nearest(0, (1 << 20) - 1, CALIBRATION::temperatureC, temperatureC, true);
        int tFine = CALIBRATION.tFine(adcT);
        int adcP = nearest(0, (1 << 20) - 1, a -> CALIBRATION.pressurePa(a, tFine), pressureHpa * 100.0, false);
        int adcH = nearest(0, 0xFFFF, a -> CALIBRATION.humidityPct(a, tFine), humidityPct, true);
        registers[0xF7] = (byte) (adcP >> 12);
        registers[0xF8] = (byte) (adcP >> 4);
        registers[0xF9] = (byte) (adcP << 4);
        registers[0xFA] = (byte) (adcT >> 12);
        registers[0xFB] = (byte) (adcT >> 4);
        registers[0xFC] = (byte) (adcT << 4);
        registers[0xFD] = (byte) (adcH >> 8);
        registers[0xFE] = (byte) adcH;
    }

    /**
     * The raw code in [low, high] whose compensated value lies nearest {@code target}, for a
     * compensation that rises (temperature, humidity) or falls (pressure) with the code.
     */
    private static int nearest(int low, int high, IntToDoubleFunction compensate, double target, boolean rising) {
        int lo = low;
        int hi = high;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double value = compensate.applyAsDouble(mid);
            if (rising ? value >= target : value <= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo > low && Math.abs(compensate.applyAsDouble(lo - 1) - target) < Math.abs(compensate.applyAsDouble(lo) - target)) {
            return lo - 1;
        }
        return lo;
    }
}
