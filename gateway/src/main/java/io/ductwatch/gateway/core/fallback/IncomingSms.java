package io.ductwatch.gateway.core.fallback;

import java.time.Instant;

/**
 * An SMS the modem received.
 *
 * @param from the sender's number as the network presents it
 * @param text what it says
 * @param at   when the gateway read it
 */
public record IncomingSms(String from, String text, Instant at) {
}
