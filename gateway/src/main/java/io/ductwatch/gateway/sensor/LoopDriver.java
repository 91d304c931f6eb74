package io.ductwatch.gateway.sensor;

import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One 4-20 mA transmitter (smoke, CO, water level) on an ADS1115 channel. The conversion runs inside
 * {@link #collect(Instant)}, which polls the ADC's status bit rather than waiting.
 */
public final class LoopDriver implements SensorDriver {

    private final Ads1115 adc;
    private final int channel;
    private final LoopScale scale;
    private final String sensorId;
    private final Quantity quantity;

    public LoopDriver(Ads1115 adc, int channel, LoopScale scale, String sensorId, Quantity quantity) {
        this.adc = adc;
        this.channel = channel;
        this.scale = scale;
        this.sensorId = sensorId;
        this.quantity = quantity;
    }

    @Override
    public String name() {
        return String.format("ADS1115 i2c-%d 0x%02x AIN%d (4-20 mA)", adc.bus(), adc.address(), channel);
    }

    @Override
    public List<String> sensorIds() {
        return List.of(sensorId);
    }

    @Override
    public Duration conversionTime() {
        return Duration.ZERO;
    }

    @Override
    public void start() {
        // The conversion is started and awaited in collect: the ADC finishes it in about a millisecond.
    }

    @Override
    public List<Reading> collect(Instant at) {
        try {
            return List.of(scale.reading(sensorId, quantity, adc.readVolts(channel, scale.gain()), at));
        } catch (Ads1115.AdcReadException e) {
            return List.of(Reading.fault(sensorId, quantity, Quality.NO_RESPONSE, at, "ADC read failed: "
                    + e.getMessage()));
        }
    }
}
