package io.ductwatch.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Outbox.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a file that cannot grow (as on a full disk, through {@code PRAGMA max_page_count}): nothing
 * is refused, alarms are offered from memory, what waits is committed once space returns, memory is bounded
 * and what it drops is announced.
 */
class StoreWriteFailureTest {

    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    @TempDir
    Path dir;

    private static long append(SqliteOutbox outbox, Lane lane, int bytes) {
        return outbox.append(lane, lane == Lane.ALARM ? "alarm" : "reading", T, seq -> payload(seq, bytes));
    }

    private static byte[] payload(long seq, int bytes) {
        byte[] payload = new byte[bytes];
        Arrays.fill(payload, (byte) ' ');
        byte[] head = ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, payload, 0, head.length);
        return payload;
    }

    private static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }

    @Test
    void an_alarm_on_a_full_disk_is_offered_from_memory_and_never_stored_once_acknowledged() throws Exception {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("store.db"), T)) {
            long reading = append(outbox, Lane.READING, 100);
            outbox.flush();
            outbox.holdSize(true);

            long alarm = append(outbox, Lane.ALARM, 200_000);

            assertThat(outbox.writeFailure()).as("the commit failed and says why").isPresent();
            assertThat(seqs(outbox.next(Lane.ALARM, 0, 10))).containsExactly(alarm);
            assertThat(outbox.pending()).isEqualTo(2);
            outbox.acknowledge(alarm);
            assertThat(outbox.pending()).isEqualTo(1);
            assertThat(outbox.next(Lane.ALARM, 0, 10)).isEmpty();

            outbox.holdSize(false);
            outbox.flush();
            assertThat(outbox.writeFailure()).as("nothing stored yet to show the store writes again").isPresent();
            long next = append(outbox, Lane.READING, 100);
            outbox.flush();
            assertThat(outbox.writeFailure()).isEmpty();
            assertThat(outbox.failedWrites()).as("counted, for a TROUBLE that outlives one lucky commit").isPositive();
            assertThat(outbox.lastWriteFailure()).contains("full");
            assertThat(seqs(outbox.next(Lane.READING, 0, 10))).containsExactly(reading, next);
            assertThat(outbox.next(Lane.ALARM, 0, 10)).as("delivered from memory, never written").isEmpty();
        }
    }

    @Test
    void what_waited_in_memory_is_committed_in_order_once_space_returns() throws Exception {
        Path file = dir.resolve("store.db");
        List<Long> created = new ArrayList<>();
        try (SqliteOutbox outbox = SqliteOutbox.open(file, T)) {
            created.add(append(outbox, Lane.READING, 100));
            outbox.flush();
            outbox.holdSize(true);
            for (int i = 0; i < 10; i++) {
                created.add(append(outbox, Lane.READING, 50_000));
                outbox.flush();
            }
            assertThat(outbox.writeFailure()).isPresent();
            assertThat(seqs(outbox.next(Lane.READING, 0, 100))).as("committed, then the waiting ones, in seq order")
                    .containsExactlyElementsOf(created);
            assertThat(seqs(outbox.next(Lane.READING, created.get(5), 3)))
                    .containsExactlyElementsOf(created.subList(6, 9));

            outbox.holdSize(false);
            outbox.flush();
            assertThat(outbox.writeFailure()).isEmpty();
            assertThat(outbox.uncommittedBytes()).isZero();
        }
        try (SqliteOutbox reopened = SqliteOutbox.open(file, T)) {
            assertThat(seqs(reopened.next(Lane.READING, 0, 100))).as("durable").containsExactlyElementsOf(created);
            assertThat(reopened.lostSeqs().startupGaps()).isEmpty();
        }
    }

    @Test
    void memory_is_bounded_by_dropping_the_oldest_waiting_readings_named_on_gap_and_never_an_alarm() throws Exception {
        List<long[]> announced = new ArrayList<>();
        io.ductwatch.gateway.core.Thinner thinner = new io.ductwatch.gateway.core.Thinner() {
            @Override
            public java.util.function.LongFunction<byte[]> aggregate(List<byte[]> readingPayloads) {
                throw new AssertionError("nothing is thinned while the store cannot write");
            }

            @Override
            public byte[] gap(long seq, Instant at, List<long[]> ranges, String reason) {
                announced.addAll(ranges);
                assertThat(reason).contains("store cannot write");
                return payload(seq, 100);
            }
        };
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("store.db"), T)) {
            outbox.holdSize(true);
            List<Long> readings = new ArrayList<>();
            long alarm = -1;
            for (int i = 0; i < 20; i++) {
                readings.add(append(outbox, Lane.READING, 256 * 1024));
                if (i == 3) {
                    alarm = append(outbox, Lane.ALARM, 1000);
                }
                outbox.flush();
            }
            assertThat(outbox.uncommittedBytes()).isGreaterThan(SqliteOutbox.MAX_UNCOMMITTED_BYTES);

            int dropped = outbox.enforceCap(Long.MAX_VALUE, 0.95, T, "reading", "gap", thinner);

            assertThat(outbox.uncommittedBytes()).isLessThanOrEqualTo(SqliteOutbox.MAX_UNCOMMITTED_BYTES * 3 / 4);
            List<Long> left = seqs(outbox.next(Lane.READING, 0, 100));
            List<Long> droppedSeqs = readings.subList(0, dropped);
            assertThat(left).as("the newest readings stay").containsExactlyElementsOf(readings.subList(dropped, 20));
            List<Long> named = new ArrayList<>();
            announced.forEach(r -> {
                for (long s = r[0]; s <= r[1]; s++) {
                    named.add(s);
                }
            });
            assertThat(named).as("every dropped seq named on gap").containsExactlyElementsOf(droppedSeqs);
            List<Long> alarms = seqs(outbox.next(Lane.ALARM, 0, 10));
            assertThat(alarms).hasSize(2).first().isEqualTo(alarm);
            assertThat(outbox.pending()).isEqualTo(left.size() + 2);
        }
    }

    @Test
    void a_clean_stop_on_a_full_disk_leaves_what_it_could_not_write_to_announce_at_the_next_start() throws Exception {
        Path file = dir.resolve("store.db");
        long last;
        try (SqliteOutbox outbox = SqliteOutbox.open(file, T)) {
            append(outbox, Lane.READING, 100);
            outbox.flush();
            outbox.holdSize(true);
            append(outbox, Lane.READING, 200_000);
            last = append(outbox, Lane.READING, 200_000);
        }
        try (SqliteOutbox reopened = SqliteOutbox.open(file, T)) {
            assertThat(reopened.lostSeqs().startupGaps()).isNotEmpty();
            assertThat(reopened.lostSeqs().startupGaps().get(0)[0]).isEqualTo(2);
            assertThat(reopened.lostSeqs().startupGaps().get(0)[1]).isGreaterThanOrEqualTo(last);
            assertThat(seqs(reopened.next(Lane.READING, 0, 10))).containsExactly(1L);
        }
    }
}
