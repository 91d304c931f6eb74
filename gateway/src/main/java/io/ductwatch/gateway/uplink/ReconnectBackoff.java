package io.ductwatch.gateway.uplink;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the uplink waits before trying its brokers again. After a loss, the first try waits for the
 * gateway's reconnect slot ({@link #afterLoss}): one of {@link #SLOTS} slots of {@link #SLOT}, drawn from
 * the gateway's place along the duct, with a random point inside it, so that a row of gateways that lose
 * their broker together (a broker restart) come back spread over 18 s, neighbours never together, at most
 * two in any one second for a row of up to 12 and about a quarter of any larger row; with an alarm waiting
 * it tries at once. While the broker still refuses after a loss, the next tries keep the slot's phase: a
 * whole number of slot cycles later (18 s, 36 s, 54 s, then every 72 s), so the row stays spread out when
 * the broker is back. Without a loss before (the first connect at start), 1 s doubling to 60 s after each
 * round that failed. Always at most 5 s while an alarm waits to be sent; all but the slot cycles are jittered by
 * +-25 %. The random source is injected (seeded in tests and in the simulator). Used on the uplink's thread
 * only.
 */
public final class ReconnectBackoff {

    static final Duration START = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);
    static final Duration MAX_WITH_ALARM = Duration.ofSeconds(5);
    /** How many reconnect slots a fleet's first tries after a loss are spread over. */
    public static final int SLOTS = 12;
    /** How long one slot is. */
    public static final Duration SLOT = Duration.ofMillis(1500);

    private final RandomGenerator random;
    private final int slot;
    private Duration current = START;
    /** Rounds failed since a loss ({@link #afterLoss}); -1 when there was no loss. */
    private int failedSinceLoss = -1;

    /** A backoff in slot 0. */
    public ReconnectBackoff(RandomGenerator random) {
        this(random, 0);
    }

    /** @param slot the gateway's reconnect slot, 0 to {@link #SLOTS} - 1 (see {@link #slotOf}) */
    public ReconnectBackoff(RandomGenerator random, int slot) {
        this.random = random;
        this.slot = Math.floorMod(slot, SLOTS);
    }

    /**
     * A gateway's reconnect slot: its section's place along the duct (consecutive sections, consecutive
     * slots), offset by its site so that sections of different ducts do not all share slot 0.
     */
    public static int slotOf(String siteId, double startM, double lengthM) {
        return Math.floorMod(siteId.hashCode() + (int) Math.round(startM / lengthM), SLOTS);
    }

    /** The wait before the first try after the connection was lost: at once with an alarm waiting. */
    public Duration afterLoss(boolean alarmWaiting) {
        failedSinceLoss = 0;
        if (alarmWaiting) {
            return Duration.ZERO;
        }
        return SLOT.multipliedBy(slot).plusNanos((long) (random.nextDouble() * SLOT.toNanos()));
    }

    /** The wait after a round of failed connects, and the next one doubled. */
    public Duration next(boolean alarmWaiting) {
        if (failedSinceLoss >= 0 && !alarmWaiting) {
            failedSinceLoss = Math.min(failedSinceLoss + 1, 4);
            return SLOT.multipliedBy((long) SLOTS * failedSinceLoss);
        }
        Duration wait = alarmWaiting && current.compareTo(MAX_WITH_ALARM) > 0 ? MAX_WITH_ALARM : current;
        current = current.multipliedBy(2).compareTo(MAX) > 0 ? MAX : current.multipliedBy(2);
        return jittered(wait);
    }

    /** The wait when an alarm turns up during a longer one: within the alarm's bound, not a minute later. */
    Duration forAlarm() {
        return jittered(MAX_WITH_ALARM);
    }

    /** Connected: the next loss starts again from {@link #START}. */
    public void reset() {
        current = START;
        failedSinceLoss = -1;
    }

    private Duration jittered(Duration base) {
        double factor = 0.75 + random.nextDouble() * 0.5;
        return Duration.ofMillis((long) (base.toMillis() * factor));
    }
}
