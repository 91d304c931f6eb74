package io.ductwatch.gateway.sensor;

import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Instant;

/** One 4-20 mA transmitter (smoke, CO, water level) on an ADS1115 channel, judged per {@link LoopScale}. */
public final class LoopDriver extends AdcChannelDriver {

    private final LoopScale scale;
    private final Quantity quantity;

    public LoopDriver(Ads1115 adc, int channel, LoopScale scale, String sensorId, Quantity quantity) {
        super(adc, channel, sensorId, quantity, "4-20 mA");
        this.scale = scale;
        this.quantity = quantity;
    }

    @Override
    Ads1115.Gain gain() {
        return scale.gain();
    }

    @Override
    Reading reading(double volts, Instant at) {
        return scale.reading(sensorId(), quantity, volts, at);
    }
}
