package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Outbox.Message;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.store.SqliteOutbox;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long outage fills the store past its cap: readings are thinned to one-minute aggregates, every
 * thinned seq is announced on gap, every alarm stays, and the store ends under its cap.
 */
class StoreCapTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics TOPICS = Topics.of("cap", "gw");
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void thins_readings_keeps_alarms_and_announces_every_thinned_seq() throws Exception {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("store.db"), T0)) {
            Payloads payloads = new Payloads(outbox.bootId());
            Set<Long> alarms = new HashSet<>();
            for (int i = 0; i < 20_000; i++) {
                Instant at = T0.plusSeconds(i);
                List<Reading> cycle = List.of(Reading.ok("t07", Quantity.TEMPERATURE, 20 + (i % 60) / 10.0, at),
                        Reading.ok("s1", Quantity.OBSCURATION, 0.5, at),
                        i % 7 == 0 ? Reading.fault("t08", Quantity.TEMPERATURE, Quality.CRC_ERROR, at, "CRC mismatch")
                                : Reading.ok("t08", Quantity.TEMPERATURE, 21.0, at));
                outbox.append(Lane.READING, TOPICS.reading(), at, seq -> payloads.readings(seq, at, cycle, true));
                if (i % 500 == 0) {
                    AlarmEvent e = new AlarmEvent("a" + i, AlarmType.TROUBLE, AlarmEventKind.RAISED, "", Double.NaN,
                            List.of(), Double.NaN, "", "alarm " + i, false, at);
                    alarms.add(outbox.append(Lane.ALARM, TOPICS.alarm(), at, seq -> payloads.alarm(seq, e, true)));
                }
                if (i % 1000 == 0) {
                    outbox.flush();
                }
            }
            outbox.flush();
            long before = outbox.sizeBytes();
            long lastOriginal = outbox.lastSeq();
            long cap = before / 3;

            int thinned = outbox.enforceCap(cap, 0.95, T0.plusSeconds(30_000), TOPICS.reading(), TOPICS.gap(),
                    new MinuteAggregates(payloads, () -> true));

            assertThat(thinned).isPositive();
            assertThat(outbox.sizeBytes()).isLessThanOrEqualTo((long) (cap * 0.95));
            List<Message> alarmLane = outbox.next(Lane.ALARM, 0, 100_000);
            assertThat(alarmLane).extracting(Message::seq).containsAll(alarms);

            Set<Long> accounted = new HashSet<>();
            outbox.next(Lane.READING, 0, 100_000).forEach(m -> accounted.add(m.seq()));
            alarmLane.forEach(m -> accounted.add(m.seq()));
            for (Message m : alarmLane) {
                if (m.topic().equals(TOPICS.gap())) {
                    JsonNode gap = JSON.readTree(m.payload());
                    assertThat(PayloadSchemas.check(TOPICS.gap(), gap)).isEmpty();
                    assertThat(Instant.parse(gap.get("ts").asText())).as("stamped with the injected clock")
                            .isEqualTo(T0.plusSeconds(30_000));
                    gap.get("ranges").forEach(r -> {
                        for (long s = r.get(0).asLong(); s <= r.get(1).asLong(); s++) {
                            accounted.add(s);
                        }
                    });
                }
            }
            for (long s = 1; s <= lastOriginal; s++) {
                assertThat(accounted).as("seq %d kept or announced", s).contains(s);
            }

            JsonNode aggregate = outbox.next(Lane.READING, lastOriginal, 10).stream().findFirst()
                    .map(m -> read(m.payload())).orElseThrow();
            assertThat(PayloadSchemas.check(TOPICS.reading(), aggregate)).isEmpty();
            JsonNode t07 = null;
            for (JsonNode r : aggregate.get("readings")) {
                if (r.get("sensor").asText().equals("t07")) {
                    t07 = r;
                    break;
                }
            }
            assertThat(t07).isNotNull();
            assertThat(t07.get("periodS").asInt()).isEqualTo(60);
            assertThat(t07.get("count").asInt()).isEqualTo(60);
            assertThat(t07.get("min").asDouble()).isEqualTo(20.0);
            assertThat(t07.get("max").asDouble()).isEqualTo(25.9);
            assertThat(t07.get("value").asDouble()).isEqualTo(22.95);
        }
    }

    @Test
    void aggregates_of_a_large_site_stay_small_enough_for_any_broker() throws Exception {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("store.db"), T0)) {
            Payloads payloads = new Payloads(outbox.bootId());
            List<String> ids = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "t" + i).toList();
            for (int i = 0; i < 3_000; i++) {
                Instant at = T0.plusSeconds(i);
                List<Reading> cycle = ids.stream().map(id -> Reading.ok(id, Quantity.TEMPERATURE, 20.5, at)).toList();
                outbox.append(Lane.READING, TOPICS.reading(), at, seq -> payloads.readings(seq, at, cycle, true));
            }
            outbox.flush();
            long lastOriginal = outbox.lastSeq();

            outbox.enforceCap(outbox.sizeBytes() / 2, 0.95, T0.plusSeconds(5_000), TOPICS.reading(), TOPICS.gap(),
                    new MinuteAggregates(payloads, () -> true));

            List<Message> aggregates = outbox.next(Lane.READING, lastOriginal, 100_000);
            assertThat(aggregates).isNotEmpty();
            assertThat(aggregates).allSatisfy(m -> assertThat(m.payload().length)
                    .isLessThanOrEqualTo(SqliteOutbox.MAX_AGGREGATE_BYTES));
        }
    }

    private static JsonNode read(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void an_alarm_is_stored_while_a_thinning_pass_aggregates() throws Exception {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("store.db"), T0)) {
            Payloads payloads = new Payloads(outbox.bootId());
            for (int i = 0; i < 3_000; i++) {
                Instant at = T0.plusSeconds(i);
                List<Reading> cycle = List.of(Reading.ok("t07", Quantity.TEMPERATURE, 20, at));
                outbox.append(Lane.READING, TOPICS.reading(), at, seq -> payloads.readings(seq, at, cycle, true));
            }
            outbox.flush();
            java.util.concurrent.CountDownLatch aggregating = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch alarmStored = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicBoolean storedMeanwhile = new java.util.concurrent.atomic.AtomicBoolean();
            MinuteAggregates real = new MinuteAggregates(payloads, () -> true);
            io.ductwatch.gateway.core.Thinner blocking = new io.ductwatch.gateway.core.Thinner() {
                @Override
                public java.util.function.LongFunction<byte[]> aggregate(List<byte[]> readingPayloads) {
                    aggregating.countDown();
                    try {
                        storedMeanwhile.set(alarmStored.await(5, java.util.concurrent.TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return real.aggregate(readingPayloads);
                }

                @Override
                public byte[] gap(long seq, Instant at, List<long[]> ranges, String reason) {
                    return real.gap(seq, at, ranges, reason);
                }
            };
            Thread thinning = new Thread(() -> outbox.enforceCap(1, 0.95, T0.plusSeconds(5_000), TOPICS.reading(),
                    TOPICS.gap(), blocking));
            thinning.start();
            assertThat(aggregating.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            AlarmEvent fire = new AlarmEvent("f", AlarmType.FIRE, AlarmEventKind.RAISED, "Z1", 10.0, List.of("mcp0"),
                    Double.NaN, "", "call point", false, T0.plusSeconds(5_000));
            long seq = outbox.append(Lane.ALARM, TOPICS.alarm(), fire.at(), s -> payloads.alarm(s, fire, true));
            alarmStored.countDown();
            thinning.join(30_000);

            assertThat(storedMeanwhile).as("the alarm was stored while the pass aggregated, holding no lock").isTrue();
            assertThat(outbox.next(Lane.ALARM, 0, 1000)).extracting(Message::seq).contains(seq);
        }
    }
}
