package io.ductwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import org.junit.jupiter.api.Test;

/** What {@link RelayOutput} promises on any GPIO output, simulated or a Pi's (a bench relay). */
public abstract class RelayOutputContract {

    /** A fresh output pin, nothing driven yet. */
    protected abstract DigitalOutput output();

    @Test
    void starts_in_its_fail_safe_state() {
        DigitalOutput pin = output();
        RelayOutput relay = new RelayOutput("panel", pin, false, false);

        assertThat(relay.isOn()).isFalse();
        assertThat(pin.state()).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void drives_its_active_level_and_returns_to_fail_safe() {
        DigitalOutput pin = output();
        RelayOutput relay = new RelayOutput("siren", pin, true, false);

        assertThat(relay.set(true)).isTrue();
        assertThat(pin.state()).isEqualTo(DigitalState.HIGH);
        assertThat(relay.failSafe()).isTrue();
        assertThat(pin.state()).isEqualTo(DigitalState.LOW);
        assertThat(relay.isOn()).isFalse();
    }
}
