package io.ductwatch.gateway.sensor;

import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One sensor on an ADS1115 channel. The conversion runs inside {@link #collect(Instant)}, which polls
 * the ADC's status bit rather than waiting; a failed conversion is a NO_RESPONSE reading. Subclasses
 * turn the channel's voltage into a reading.
 */
abstract class AdcChannelDriver implements SensorDriver {

    private final Ads1115 adc;
    private final int channel;
    private final String sensorId;
    private final Quantity quantity;
    private final String wiring;

    AdcChannelDriver(Ads1115 adc, int channel, String sensorId, Quantity quantity, String wiring) {
        this.adc = adc;
        this.channel = channel;
        this.sensorId = sensorId;
        this.quantity = quantity;
        this.wiring = wiring;
    }

    /** The ADC range the channel is read with. */
    abstract Ads1115.Gain gain();

    /** The reading for the channel's voltage at a time. */
    abstract Reading reading(double volts, Instant at);

    String sensorId() {
        return sensorId;
    }

    @Override
    public final String name() {
        return String.format("ADS1115 i2c-%d 0x%02x AIN%d (%s)", adc.bus(), adc.address(), channel, wiring);
    }

    @Override
    public final List<String> sensorIds() {
        return List.of(sensorId);
    }

    @Override
    public final Duration conversionTime() {
        return Duration.ZERO;
    }

    @Override
    public final void start() {
        // The conversion is started and awaited in collect: the ADC finishes it in about a millisecond.
    }

    @Override
    public final List<Reading> collect(Instant at) {
        try {
            return List.of(reading(adc.readVolts(channel, gain()), at));
        } catch (Ads1115.AdcReadException e) {
            return List.of(Reading.fault(sensorId, quantity, Quality.NO_RESPONSE, at,
                    "ADC read failed: " + e.getMessage()));
        }
    }
}
