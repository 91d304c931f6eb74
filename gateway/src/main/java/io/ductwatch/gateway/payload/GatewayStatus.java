package io.ductwatch.gateway.payload;

import java.time.Instant;

/**
 * What the retained {@code status} message says (DESIGN 2.2).
 *
 * @param uplink        {@code connected} or {@code connecting}
 * @param pending       messages stored and not yet acknowledged by the broker
 * @param oldestPending when the oldest of them was created, or null
 * @param lastSeq       the last seq created
 */
public record GatewayStatus(boolean online, Instant at, Instant startedAt, String version, String uplink,
                            long pending, Instant oldestPending, int sensorsOk, int sensorsFaulty, long lastSeq,
                            boolean timeSynced) {
}
