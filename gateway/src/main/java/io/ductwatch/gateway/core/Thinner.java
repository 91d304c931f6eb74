package io.ductwatch.gateway.core;

import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

/**
 * How a store near its cap turns stored readings into one aggregate and names what it replaced: the
 * gateway's payload formats, for the store's thinning. Called by the store on the thread that enforces its
 * cap (the gateway's maintenance timer), outside the store's lock; may take milliseconds, never blocks.
 */
public interface Thinner {

    /**
     * One message of one-minute aggregates for the given reading payloads: the work is done here, outside
     * the store's lock; the result writes the payload for a seq (cheap, under the lock).
     */
    LongFunction<byte[]> aggregate(List<byte[]> readingPayloads);

    /** The payload announcing on {@code gap}, at {@code at}, the seq ranges that were thinned or dropped. */
    byte[] gap(long seq, Instant at, List<long[]> ranges, String reason);
}
