package io.ductwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ductwatch.gateway.sensor.SupervisedLine.State;
import org.junit.jupiter.api.Test;

/** The example site's supervised line: 3.3 V, 4.7 k series, 4.7 k EOL, 1 k alarm resistor. */
class SupervisedLineTest {

    private static final SupervisedLine LINE = new SupervisedLine(3.3, 4700, 4700, 1000);

    @Test
    void nominal_voltages_follow_the_divider() {
        assertThat(LINE.nominalV(State.OPEN)).isEqualTo(3.3);
        assertThat(LINE.nominalV(State.NORMAL)).isCloseTo(1.65, within(1e-9));
        assertThat(LINE.nominalV(State.ACTIVE)).isCloseTo(3.3 * 824.5614 / (4700 + 824.5614), within(1e-4));
        assertThat(LINE.nominalV(State.SHORT)).isZero();
    }

    @Test
    void each_nominal_voltage_classifies_as_its_state() {
        for (State state : State.values()) {
            assertThat(LINE.classify(LINE.nominalV(state))).isEqualTo(state);
        }
    }

    @Test
    void band_edges_lie_halfway_between_neighbouring_states() {
        double shortActive = LINE.nominalV(State.ACTIVE) / 2;
        double activeNormal = (LINE.nominalV(State.ACTIVE) + LINE.nominalV(State.NORMAL)) / 2;
        double normalOpen = (LINE.nominalV(State.NORMAL) + LINE.nominalV(State.OPEN)) / 2;

        assertThat(LINE.classify(shortActive - 1e-6)).isEqualTo(State.SHORT);
        assertThat(LINE.classify(shortActive)).isEqualTo(State.ACTIVE);
        assertThat(LINE.classify(activeNormal - 1e-6)).isEqualTo(State.ACTIVE);
        assertThat(LINE.classify(activeNormal)).isEqualTo(State.NORMAL);
        assertThat(LINE.classify(normalOpen - 1e-6)).isEqualTo(State.NORMAL);
        assertThat(LINE.classify(normalOpen)).isEqualTo(State.OPEN);
    }
}
