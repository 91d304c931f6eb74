package io.ductwatch.gateway.sensor;

import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A supervised contact (float switch, call point, door) on an ADS1115 channel: reports the contact
 * active or normal, or a fault when the line is cut or shorted, so a broken cable is never a silent
 * "all quiet". A new state counts once it has held for the debounce time.
 */
public final class SupervisedContactDriver extends AdcChannelDriver {

    private final SupervisedLine line;
    private final Duration debounce;

    private SupervisedLine.State reported;
    private SupervisedLine.State candidate;
    private Instant candidateSince;

    public SupervisedContactDriver(Ads1115 adc, int channel, SupervisedLine line, Duration debounce,
                                   String sensorId) {
        super(adc, channel, sensorId, Quantity.CONTACT, "supervised line");
        this.line = line;
        this.debounce = debounce;
    }

    @Override
    Ads1115.Gain gain() {
        return line.gain();
    }

    @Override
    Reading reading(double volts, Instant at) {
        return switch (debounced(line.classify(volts), at)) {
            case NORMAL -> Reading.ok(sensorId(), Quantity.CONTACT, 0, at);
            case ACTIVE -> Reading.ok(sensorId(), Quantity.CONTACT, 1, at);
            case OPEN -> Reading.fault(sensorId(), Quantity.CONTACT, Quality.OUT_OF_RANGE, at,
                    String.format(Locale.ROOT, "line open: cable cut or EOL resistor missing (%.2f V)", volts));
            case SHORT -> Reading.fault(sensorId(), Quantity.CONTACT, Quality.OUT_OF_RANGE, at,
                    String.format(Locale.ROOT, "line shorted (%.2f V)", volts));
        };
    }

    private SupervisedLine.State debounced(SupervisedLine.State seen, Instant at) {
        if (reported == null) {
            reported = seen;
        }
        if (seen == reported) {
            candidate = null;
            return reported;
        }
        if (seen != candidate) {
            candidate = seen;
            candidateSince = at;
        }
        if (!Duration.between(candidateSince, at).minus(debounce).isNegative()) {
            reported = seen;
            candidate = null;
        }
        return reported;
    }
}
