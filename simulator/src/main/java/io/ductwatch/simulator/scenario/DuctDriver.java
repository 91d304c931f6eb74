package io.ductwatch.simulator.scenario;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.simulator.physics.DuctPhysics;
import io.ductwatch.simulator.pi4j.SimulatedHardware;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Drives emulated chips from the reference physics: registers a scenario's physical events (fires,
 * smoulders, heat ramps, recorded fires, floods) with the physics, and sets every emulated sensor of a
 * gateway to what the physics says it sees now. One physics may drive several gateways' hardware (a
 * fleet along one duct), each sensor known to the physics by its own id ({@code physicsId}).
 */
final class DuctDriver {

    /** A float switch closes at this water level, mm (DESIGN 2.4). */
    static final double FLOAT_SWITCH_MM = 20;

    private DuctDriver() {
    }

    /** Registers the scenario's physical events with the physics; the others are the caller's. */
    static void addPhysics(Scenario scenario, DuctPhysics physics) {
        for (Scenario.Event event : scenario.events()) {
            if (event instanceof Scenario.Fire f) {
                physics.addFire(f.atS(), f.positionM(), f.alphaKwPerS2(), f.maxKw());
            } else if (event instanceof Scenario.Smoulder s) {
                physics.addSmoulder(s.atS(), s.positionM(), s.kw(), s.durationS());
            } else if (event instanceof Scenario.Heat h) {
                physics.addHeat(h.atS(), h.fromM(), h.toM(), h.rateKPerMin(), h.durationS());
            } else if (event instanceof Scenario.Recorded r) {
                physics.addRecorded(r.atS(), r.firePositionM(), r.ignitionS(), r.recording());
            } else if (event instanceof Scenario.Flood f) {
                physics.addFlood(f.atS(), f.positionM(), f.rateMmPerMin());
            }
        }
    }

    /** Sets each of the sensors on {@code duct} to what the physics (already stepped to t) says it sees. */
    static void expose(DuctPhysics physics, SimulatedHardware duct, double t, List<SensorConfig> sensors,
                       UnaryOperator<String> physicsId) {
        for (SensorConfig sensor : sensors) {
            String id = physicsId.apply(sensor.id());
            switch (sensor.kind()) {
                case HEAT, CLIMATE -> duct.setTemperature(sensor.id(), physics.sensorC(id));
                case SMOKE -> {
                    if (sensor.wiring() instanceof SensorConfig.Loop loop) {
                        duct.setLoopValue(sensor.id(), physics.chamberObscurationPctPerM(id)
                                + physics.loopNoise(loop.at20mA() - loop.at4mA()));
                    }
                }
                case CO -> {
                    SensorConfig.Loop loop = (SensorConfig.Loop) sensor.wiring();
                    duct.setLoopValue(sensor.id(), physics.loopNoise(loop.at20mA() - loop.at4mA()));
                }
                case WATER_LEVEL -> {
                    SensorConfig.Loop loop = (SensorConfig.Loop) sensor.wiring();
                    duct.setLoopValue(sensor.id(), physics.waterMm(t, sensor.positionM())
                            + physics.loopNoise(loop.at20mA() - loop.at4mA()));
                }
                case WATER_SWITCH -> duct.setContact(sensor.id(),
                        physics.waterMm(t, sensor.positionM()) >= FLOAT_SWITCH_MM);
                default -> {
                    // Doors, call points and power supply lines change only on scenario events.
                }
            }
        }
    }
}
