package io.ductwatch.gateway.core;

import java.time.Instant;

/**
 * An operator action and what came of it: who, what, on what, when, and the outcome; or the gateway
 * ending a disablement or test on expiry ({@code operator} is then {@code gateway}).
 */
public record AuditEntry(Instant at, String operator, String command, String target, boolean accepted,
                         String outcome) {
}
