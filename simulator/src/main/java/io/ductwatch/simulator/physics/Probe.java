package io.ductwatch.simulator.physics;

/**
 * What the reference model gives at one offset from a fire.
 *
 * @param gasRiseK            gas temperature rise at the ceiling, K
 * @param delayS              transport delay from the fire, s
 * @param obscurationPctPerM  smoke obscuration, %/m
 * @param localVelocityMs     gas velocity at a detector there, m/s
 */
public record Probe(double gasRiseK, double delayS, double obscurationPctPerM, double localVelocityMs) {
}
