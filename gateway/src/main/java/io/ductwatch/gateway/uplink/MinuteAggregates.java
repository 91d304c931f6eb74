package io.ductwatch.gateway.uplink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ductwatch.config.json.StrictJson;
import io.ductwatch.gateway.core.Thinner;
import io.ductwatch.gateway.payload.Payloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * Thins stored reading messages to one-minute aggregates per sensor and quantity: minimum, maximum,
 * mean and count of the good values, and how many reads failed; announced on {@code gap} as the seqs
 * they replaced. The store's {@link Thinner} for the gateway's payloads.
 *
 * <p>The messages are read as a stream of JSON tokens, not as trees: a pass reads 2,000 messages of up to a
 * hundred readings each, and on the gateway's 64 MB heap the garbage of a tree per message means many more
 * young collections, each one a pause the alarm path shares.
 */
public final class MinuteAggregates implements Thinner {

    private static final JsonFactory JSON = StrictJson.mapper().getFactory();
    private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::minuteMs)
            .thenComparing(Key::sensor).thenComparing(Key::quantity);

    /** One sensor, quantity and minute. */
    private record Key(long minuteMs, String sensor, String quantity) {
    }

    /** What a minute's readings of one sensor and quantity come to. */
    private static final class Bucket {
        final Key key;
        String unit;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum;
        int count;
        int faults;

        Bucket(Key key) {
            this.key = key;
        }
    }

    /** The fields of one reading the aggregate keeps; reused from one reading to the next. */
    private static final class Fields {
        String sensor;
        String quantity;
        String unit;
        String quality;
        String ts;
        double value;

        void clear() {
            sensor = null;
            quantity = null;
            unit = null;
            quality = null;
            ts = null;
            value = 0;
        }
    }

    private final Payloads payloads;
    private final BooleanSupplier timeSynced;

    public MinuteAggregates(Payloads payloads, BooleanSupplier timeSynced) {
        this.payloads = payloads;
        this.timeSynced = timeSynced;
    }

    @Override
    public LongFunction<byte[]> aggregate(List<byte[]> readingPayloads) {
        Map<Key, Bucket> buckets = new HashMap<>();
        Minutes minutes = new Minutes();
        Fields fields = new Fields();
        for (byte[] payload : readingPayloads) {
            try (JsonParser p = JSON.createParser(payload)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("a stored reading message is not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("readings".equals(name) && value == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            readReading(p, fields);
                            add(buckets, minutes, fields);
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("a stored reading message is not JSON", e);
            }
        }
        List<Bucket> ordered = new ArrayList<>(buckets.values());
        ordered.sort(Comparator.comparing(b -> b.key, ORDER));
        List<Payloads.Aggregate> aggregates = ordered.stream()
                .map(b -> new Payloads.Aggregate(b.key.sensor(), b.key.quantity(), b.unit,
                        Instant.ofEpochMilli(b.key.minuteMs()), b.count == 0 ? Double.NaN : b.min,
                        b.count == 0 ? Double.NaN : b.max, b.count == 0 ? Double.NaN : b.sum / b.count, b.count,
                        b.faults))
                .toList();
        Instant at = aggregates.isEmpty() ? Instant.EPOCH : aggregates.get(0).minute();
        boolean synced = timeSynced.getAsBoolean();
        return seq -> payloads.aggregates(seq, at, aggregates, synced);
    }

    /** Reads one reading object, the parser on its START_OBJECT, up to its END_OBJECT. */
    private static void readReading(JsonParser p, Fields fields) throws IOException {
        fields.clear();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            switch (name) {
                case "sensor" -> fields.sensor = p.getValueAsString();
                case "quantity" -> fields.quantity = p.getValueAsString();
                case "unit" -> fields.unit = token == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                case "quality" -> fields.quality = p.getValueAsString();
                case "ts" -> fields.ts = p.getValueAsString();
                case "value" -> fields.value = p.getValueAsDouble();
                default -> p.skipChildren();
            }
        }
        if (fields.sensor == null || fields.quantity == null || fields.quality == null || fields.ts == null) {
            throw new IOException("a stored reading lacks sensor, quantity, quality or ts");
        }
    }

    private static void add(Map<Key, Bucket> buckets, Minutes minutes, Fields r) {
        Bucket b = buckets.computeIfAbsent(new Key(minutes.of(r.ts), r.sensor, r.quantity), Bucket::new);
        b.unit = r.unit;
        if ("OK".equals(r.quality)) {
            b.min = Math.min(b.min, r.value);
            b.max = Math.max(b.max, r.value);
            b.sum += r.value;
            b.count++;
        } else {
            b.faults++;
        }
    }

    /** The minute of a reading's {@code ts}; the readings of one sampling cycle share theirs, parsed once. */
    private static final class Minutes {
        private String lastTs;
        private long lastMinuteMs;

        long of(String ts) {
            if (!ts.equals(lastTs)) {
                lastMinuteMs = Math.floorDiv(Instant.parse(ts).toEpochMilli(), 60_000L) * 60_000;
                lastTs = ts;
            }
            return lastMinuteMs;
        }
    }

    @Override
    public byte[] gap(long seq, Instant at, List<long[]> ranges, String reason) {
        return payloads.gap(seq, at, ranges, reason, timeSynced.getAsBoolean());
    }
}
