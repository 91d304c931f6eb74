package io.ductwatch.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One sensor, contact or status line of the site.
 *
 * @param id         unique in the site
 * @param kind       what it detects
 * @param name       human description, may be empty
 * @param positionM  chainage along the duct, metres
 * @param zone       zone id
 * @param heatPreset EN 54-5 preset of a heat sensor, when it has one of its own
 * @param wiring     how it is connected and read
 */
public record SensorConfig(String id, Kind kind, String name, double positionM, String zone,
                           Optional<String> heatPreset, Wiring wiring) {

    /** What a sensor detects. */
    public enum Kind {
        HEAT("heat"), SMOKE("smoke"), CO("co"), WATER_LEVEL("waterLevel"), WATER_SWITCH("waterSwitch"),
        DOOR("door"), CALL_POINT("callPoint"), MAINS("mains"), BATTERY("battery"), CLIMATE("climate");

        private final String yamlName;

        Kind(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        /** Unit of the engineering value of an analog sensor of this kind. */
        public String unit() {
            return switch (this) {
                case HEAT, CLIMATE -> "°C";
                case SMOKE -> "%/m";
                case CO -> "ppm";
                case WATER_LEVEL -> "mm";
                default -> "";
            };
        }

        public static Kind fromYaml(String name) {
            return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown sensor kind " + name));
        }
    }

    /** How a sensor is connected; one record per driver. */
    public sealed interface Wiring permits OneWire, I2cChip, Loop, Supervised, Gpio {

        /** Sampling period; contacts on GPIO are edge-driven and report {@link Duration#ZERO}. */
        Duration poll();
    }

    /** A DS18B20 on the 1-Wire chain, known by its ROM id ({@code 28-...}). */
    public record OneWire(String romId, int resolutionBits, Duration poll) implements Wiring {
    }

    /** An I2C sensor chip read directly. */
    public record I2cChip(Chip chip, int bus, int address, Duration poll) implements Wiring {

        public enum Chip { SHT31, BME280 }
    }

    /** An ADS1115 input: bus, address, single-ended channel 0-3. */
    public record AdcChannel(int bus, int address, int channel) {
    }

    /** Wiring read through an ADS1115 channel. */
    public sealed interface OnAdc permits Loop, Supervised {

        AdcChannel adc();
    }

    /**
     * A 4-20 mA loop read through a shunt on an ADS1115 channel, scaled linearly to engineering units
     * ({@link Kind#unit()}).
     */
    public record Loop(AdcChannel adc, double shuntOhm, double at4mA, double at20mA, OptionalDouble alarmAt,
                       OptionalDouble clearAt, Duration poll) implements Wiring, OnAdc {
    }

    /**
     * A supervised contact: the line fed from {@code supplyV} through {@code seriesOhm}, ending in
     * {@code eolOhm}, the contact adding {@code alarmOhm} across it when active; read on an ADS1115
     * channel so a cut or shorted line is told from a quiet one.
     */
    public record Supervised(AdcChannel adc, double supplyV, double seriesOhm, double eolOhm, double alarmOhm,
                             Duration debounce, Duration poll) implements Wiring, OnAdc {
    }

    /** A contact on a GPIO pin, edge-driven. */
    public record Gpio(int pin, Pull pull, boolean activeHigh, Duration debounce) implements Wiring {

        public enum Pull { UP, DOWN, OFF }

        @Override
        public Duration poll() {
            return Duration.ZERO;
        }
    }
}
