package io.ductwatch.gateway.sensor;

/**
 * A supervised contact line: fed from {@code supplyV} through {@code seriesOhm}, ended by an end-of-line
 * resistor {@code eolOhm}, the contact adding {@code alarmOhm} across the line when active. The voltage at
 * the feed end tells four states apart: open (cut cable: the supply), normal (EOL), active (EOL parallel
 * to the alarm resistor), short (near 0 V). Each state's band ends halfway to the next state's nominal
 * voltage.
 */
public record SupervisedLine(double supplyV, double seriesOhm, double eolOhm, double alarmOhm) {

    /** The states a supervised line can be in. */
    public enum State {
        SHORT, ACTIVE, NORMAL, OPEN
    }

    /** The voltage a healthy line shows in a state. */
    public double nominalV(State state) {
        return switch (state) {
            case OPEN -> supplyV;
            case NORMAL -> divider(eolOhm);
            case ACTIVE -> divider(eolOhm * alarmOhm / (eolOhm + alarmOhm));
            case SHORT -> 0.0;
        };
    }

    /** The state a voltage falls in. */
    public State classify(double volts) {
        if (volts < (nominalV(State.SHORT) + nominalV(State.ACTIVE)) / 2) {
            return State.SHORT;
        }
        if (volts < (nominalV(State.ACTIVE) + nominalV(State.NORMAL)) / 2) {
            return State.ACTIVE;
        }
        if (volts < (nominalV(State.NORMAL) + nominalV(State.OPEN)) / 2) {
            return State.NORMAL;
        }
        return State.OPEN;
    }

    /** The ADC range for this line: the supply voltage must fit. */
    public Ads1115.Gain gain() {
        return Ads1115.Gain.covering(supplyV * 1.02);
    }

    private double divider(double lineOhm) {
        return supplyV * lineOhm / (seriesOhm + lineOhm);
    }
}
