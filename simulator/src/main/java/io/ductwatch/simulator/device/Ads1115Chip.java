package io.ductwatch.simulator.device;

import java.util.Arrays;

/**
 * An ADS1115 as its datasheet (SBAS444D) describes it on the bus: a register pointer set by the first
 * byte of every write (section 9.5.3), the config register 0x01 (reset value 0x8583, section 9.6.3) and
 * the conversion register 0x00, both 16-bit most significant byte first. Writing a config with OS=1 in
 * single-shot mode converts the selected input against ground at the selected full-scale range; the OS
 * bit reads 0 for a set number of status polls, then 1. Inputs are set in volts per channel; a value
 * beyond the range clips to the largest code, as the chip's does.
 *
 * <p>Faults per channel: {@code DISCONNECT} reads the channel's open-circuit voltage (0 V by default: an
 * open 4-20 mA loop carries no current; a cut supervised line floats to its supply), {@code DROPOUT}
 * fails every other conversion read, {@code STUCK} repeats the last result. Faults of the whole chip: {@code NACK}.
 */
public final class Ads1115Chip implements I2cDevice {

    private final double[] inputVolts = new double[4];
    private final ChipFault[] channelFault = {ChipFault.NONE, ChipFault.NONE, ChipFault.NONE, ChipFault.NONE};
    private final short[] lastResult = new short[4];
    private final double[] openCircuitVolts = new double[4];
    private final int[] dropoutReads = new int[4];
    private ChipFault fault = ChipFault.NONE;
    private int pointer;
    private int config = 0x8583;
    private short conversion;
    private int convertedChannel = -1;
    private int busyPolls;
    private int pollsPerConversion = 1;

    /** Sets the voltage at an input, AIN0 to AIN3. */
    public synchronized void setInput(int channel, double volts) {
        inputVolts[channel] = volts;
    }

    public synchronized void setChannelFault(int channel, ChipFault channelFault) {
        this.channelFault[channel] = channelFault;
    }

    /** What a channel reads when its wiring is cut ({@code DISCONNECT}). */
    public synchronized void setOpenCircuitVolts(int channel, double volts) {
        openCircuitVolts[channel] = volts;
    }

    public synchronized ChipFault channelFault(int channel) {
        return channelFault[channel];
    }

    public synchronized void setFault(ChipFault fault) {
        this.fault = fault;
    }

    /** How many status reads show the conversion still running. */
    public synchronized void setPollsPerConversion(int polls) {
        this.pollsPerConversion = polls;
    }

    @Override
    public synchronized ChipFault fault() {
        return fault;
    }

    @Override
    public synchronized void write(byte[] data) throws BusNack {
        fault.acknowledge("ADS1115");
        if (data.length == 0) {
            return;
        }
        pointer = data[0] & 0x03;
        if (data.length >= 3 && pointer == 0x01) {
            int word = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
            config = word & 0x7FFF;
            boolean singleShot = (word & 0x0100) != 0;
            if ((word & 0x8000) != 0 && singleShot) {
                convert();
            }
        }
    }

    @Override
    public synchronized byte[] read(int length) throws BusNack {
        fault.acknowledge("ADS1115");
        int word;
        if (pointer == 0x00) {
            if (convertedChannel >= 0 && channelFault[convertedChannel] == ChipFault.DROPOUT
                    && dropoutReads[convertedChannel]++ % 2 == 0) {
                throw new BusNack("ADS1115 AIN" + convertedChannel + " read dropped out");
            }
            word = conversion & 0xFFFF;
        } else if (pointer == 0x01) {
            boolean idle = busyPolls == 0;
            if (!idle) {
                busyPolls--;
            }
            word = config | (idle ? 0x8000 : 0);
        } else {
            word = 0;
        }
        byte[] out = {(byte) (word >> 8), (byte) word};
        return Arrays.copyOf(out, Math.min(length, 2));
    }

    private void convert() {
        int mux = (config >> 12) & 0x07;
        if (mux < 0b100) {
            conversion = 0;
            convertedChannel = -1;
            busyPolls = pollsPerConversion;
            return;
        }
        int channel = mux - 0b100;
        double fullScale = fullScaleV((config >> 9) & 0x07);
        double volts = channelFault[channel] == ChipFault.DISCONNECT ? openCircuitVolts[channel] : inputVolts[channel];
        short raw = (short) Math.max(-32768, Math.min(32767, Math.round(volts / fullScale * 32768.0)));
        if (channelFault[channel] == ChipFault.STUCK) {
            raw = lastResult[channel];
        }
        lastResult[channel] = raw;
        conversion = raw;
        convertedChannel = channel;
        busyPolls = pollsPerConversion;
    }

    private static double fullScaleV(int pga) {
        return switch (pga) {
            case 0b000 -> 6.144;
            case 0b001 -> 4.096;
            case 0b010 -> 2.048;
            case 0b011 -> 1.024;
            case 0b100 -> 0.512;
            default -> 0.256;
        };
    }
}
