package io.ductwatch.gateway.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.config.json.StrictJson;
import io.ductwatch.gateway.core.Thinner;
import io.ductwatch.gateway.payload.Payloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * Thins stored reading messages to one-minute aggregates per sensor and quantity: minimum, maximum,
 * mean and count of the good values, and how many reads failed; announced on {@code gap} as the seqs
 * they replaced. The store's {@link Thinner} for the gateway's payloads.
 */
public final class MinuteAggregates implements Thinner {

    private static final ObjectMapper JSON = StrictJson.mapper();

    /** One sensor, quantity and minute. */
    private static final class Bucket {
        String sensor;
        String quantity;
        String unit;
        long minuteMs;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum;
        int count;
        int faults;
    }

    private final Payloads payloads;
    private final BooleanSupplier timeSynced;

    public MinuteAggregates(Payloads payloads, BooleanSupplier timeSynced) {
        this.payloads = payloads;
        this.timeSynced = timeSynced;
    }

    @Override
    public LongFunction<byte[]> aggregate(List<byte[]> readingPayloads) {
        Map<String, Bucket> buckets = new TreeMap<>();
        for (byte[] payload : readingPayloads) {
            JsonNode message;
            try {
                message = JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException("a stored reading message is not JSON", e);
            }
            for (JsonNode r : message.path("readings")) {
                long minute = Instant.parse(r.get("ts").asText()).toEpochMilli() / 60_000 * 60_000;
                String key = String.format("%013d|%s|%s", minute, r.get("sensor").asText(), r.get("quantity").asText());
                Bucket b = buckets.computeIfAbsent(key, k -> new Bucket());
                b.sensor = r.get("sensor").asText();
                b.quantity = r.get("quantity").asText();
                b.unit = r.path("unit").isNull() ? null : r.path("unit").asText(null);
                b.minuteMs = minute;
                if ("OK".equals(r.get("quality").asText())) {
                    double v = r.get("value").asDouble();
                    b.min = Math.min(b.min, v);
                    b.max = Math.max(b.max, v);
                    b.sum += v;
                    b.count++;
                } else {
                    b.faults++;
                }
            }
        }
        List<Payloads.Aggregate> aggregates = buckets.values().stream()
                .map(b -> new Payloads.Aggregate(b.sensor, b.quantity, b.unit, Instant.ofEpochMilli(b.minuteMs),
                        b.count == 0 ? Double.NaN : b.min, b.count == 0 ? Double.NaN : b.max,
                        b.count == 0 ? Double.NaN : b.sum / b.count, b.count, b.faults))
                .toList();
        Instant at = aggregates.isEmpty() ? Instant.EPOCH : aggregates.get(0).minute();
        boolean synced = timeSynced.getAsBoolean();
        return seq -> payloads.aggregates(seq, at, aggregates, synced);
    }

    @Override
    public byte[] gap(long seq, Instant at, List<long[]> ranges, String reason) {
        return payloads.gap(seq, at, ranges, reason, timeSynced.getAsBoolean());
    }
}
