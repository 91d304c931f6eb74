package io.ductwatch.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Outbox.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on a real SQLite file. */
class SqliteOutboxTest {

    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("store.db");
    }

    private static long append(SqliteOutbox outbox, Lane lane) {
        return outbox.append(lane, lane == Lane.ALARM ? "alarm" : "reading", T,
                seq -> ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void seqs_increase_and_payloads_carry_them() {
        try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
            long a = append(outbox, Lane.READING);
            long b = append(outbox, Lane.ALARM);
            long c = append(outbox, Lane.READING);
            outbox.flush();

            assertThat(List.of(a, b, c)).containsExactly(1L, 2L, 3L);
            assertThat(outbox.next(Lane.READING, 0, 10)).extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
                    .containsExactly("{\"seq\":1}", "{\"seq\":3}");
            assertThat(outbox.next(Lane.ALARM, 0, 10)).extracting(Message::seq).containsExactly(2L);
        }
    }

    @Test
    void the_alarm_lane_is_committed_with_synchronous_full_and_readings_wait_for_flush() {
        try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
            append(outbox, Lane.READING);
            assertThat(outbox.next(Lane.READING, 0, 10)).isEmpty();

            append(outbox, Lane.ALARM);

            assertThat(outbox.lastAlarmCommitSynchronous()).isEqualTo(SqliteOutbox.SYNCHRONOUS_FULL);
            assertThat(outbox.next(Lane.READING, 0, 10)).as("an alarm commit takes the buffered readings along")
                    .hasSize(1);
        }
    }

    @Test
    void acknowledged_messages_go_and_the_rest_survive_a_restart_in_order() {
        try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
            for (int i = 0; i < 5; i++) {
                append(outbox, Lane.READING);
            }
            outbox.flush();
            outbox.acknowledge(2);
            outbox.acknowledge(4);
            assertThat(outbox.pending()).isEqualTo(3);
        }
        try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
            assertThat(outbox.next(Lane.READING, 0, 10)).extracting(Message::seq).containsExactly(1L, 3L, 5L);
            assertThat(outbox.pending()).isEqualTo(3);
            assertThat(outbox.lostSeqs().startupGaps()).as("a clean stop loses nothing").isEmpty();
            assertThat(append(outbox, Lane.ALARM)).as("seqs are never reused").isEqualTo(6);
            assertThat(outbox.oldestPending()).contains(T);
        }
    }

    @Test
    void a_power_cut_loses_only_the_unflushed_batch_and_announces_its_seqs() {
        SqliteOutbox crashed = SqliteOutbox.open(file(), T);
        append(crashed, Lane.READING);
        append(crashed, Lane.ALARM);
        append(crashed, Lane.READING);
        append(crashed, Lane.READING);
        // No flush, no close: the process dies here with seqs 3 and 4 in memory only.

        try (SqliteOutbox restarted = SqliteOutbox.open(file(), T)) {
            assertThat(restarted.next(Lane.ALARM, 0, 10)).extracting(Message::seq).containsExactly(2L);
            assertThat(restarted.next(Lane.READING, 0, 10)).extracting(Message::seq).containsExactly(1L);
            assertThat(restarted.lostSeqs().startupGaps()).singleElement()
                    .satisfies(range -> assertThat(range).containsExactly(3L, SqliteOutbox.SEQ_BLOCK));
            assertThat(append(restarted, Lane.ALARM)).isEqualTo(SqliteOutbox.SEQ_BLOCK + 1);
            assertThat(restarted.bootCount()).isEqualTo(2);
        }
    }

    @Test
    void lost_ranges_are_kept_until_announced_even_through_a_crash_at_start_up() {
        SqliteOutbox first = SqliteOutbox.open(file(), T);
        append(first, Lane.ALARM);
        append(first, Lane.READING);
        // Killed with the reading unflushed; the next boot dies too before announcing anything.
        SqliteOutbox second = SqliteOutbox.open(file(), T);
        assertThat(second.lostSeqs().startupGaps()).hasSize(1);

        try (SqliteOutbox third = SqliteOutbox.open(file(), T)) {
            assertThat(third.lostSeqs().startupGaps()).extracting(r -> r[0] + "-" + r[1])
                    .containsExactly("2-" + SqliteOutbox.SEQ_BLOCK,
                            (SqliteOutbox.SEQ_BLOCK + 1) + "-" + (2 * SqliteOutbox.SEQ_BLOCK));
            long gap = third.lostSeqs().announceLost("gap", T, seq -> ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
            assertThat(third.next(Lane.ALARM, 1, 10)).extracting(Message::seq).containsExactly(gap);
        }
        try (SqliteOutbox fourth = SqliteOutbox.open(file(), T)) {
            assertThat(fourth.lostSeqs().startupGaps()).as("announced ranges are forgotten").isEmpty();
        }
    }

    @Test
    void seqs_beyond_a_reserved_block_are_reserved_durably() {
        try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
            for (int i = 0; i < SqliteOutbox.SEQ_BLOCK + 10; i++) {
                append(outbox, Lane.READING);
            }
            outbox.flush();
            assertThat(outbox.lastSeq()).isEqualTo(SqliteOutbox.SEQ_BLOCK + 10);
        }
        try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
            assertThat(outbox.lostSeqs().startupGaps()).isEmpty();
            assertThat(append(outbox, Lane.READING)).isEqualTo(SqliteOutbox.SEQ_BLOCK + 11);
        }
    }

    @Test
    void a_corrupt_file_is_kept_aside_and_a_fresh_store_opened() throws Exception {
        Files.write(file(), "this is not an SQLite database, it only pretends to be one".repeat(100)
                .getBytes(StandardCharsets.UTF_8));

        try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
            assertThat(outbox.recoveredFrom()).hasValueSatisfying(aside -> {
                assertThat(aside.getFileName().toString()).startsWith("store.db.corrupt-");
                assertThat(aside).exists();
            });
            assertThat(append(outbox, Lane.ALARM)).isEqualTo(1);
        }
        assertThat(SqliteOutbox.intact(file())).isTrue();
    }

    private static Message stage(SqliteOutbox outbox) {
        return outbox.stage("alarm", T, seq -> ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_staged_alarm_is_offered_at_once_and_committed_with_synchronous_full_on_the_stores_thread() {
        try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
            Message staged;
            synchronized (outbox) {
                // The committer cannot commit while this test holds the store: the alarm is offered all the same.
                staged = stage(outbox);
                assertThat(outbox.next(Lane.ALARM, 0, 10)).extracting(Message::seq).containsExactly(staged.seq());
                assertThat(outbox.lastAlarmCommitSynchronous()).as("not committed yet").isEqualTo(-1);
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> outbox.lastAlarmCommitSynchronous() == SqliteOutbox.SYNCHRONOUS_FULL);
            assertThat(outbox.uncommittedBytes()).isZero();
            assertThat(outbox.next(Lane.ALARM, 0, 10)).extracting(Message::seq).containsExactly(staged.seq());
        }
    }

    @Test
    void an_alarm_staged_while_a_commit_holds_the_store_does_not_wait_for_it() throws Exception {
        try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread commit = new Thread(() -> {
                synchronized (outbox) {
                    // As a commit holds the store through its fsync (or a flush, or a thinning select).
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            commit.start();
            assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            java.util.concurrent.CompletableFuture<Message> staged = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> stage(outbox));

            assertThat(staged.get(10, java.util.concurrent.TimeUnit.SECONDS).seq()).as("staged while the store is held")
                    .isEqualTo(1);
            assertThat(outbox.pending()).isEqualTo(1);
            assertThat(commit.isAlive()).as("the commit still holds the store").isTrue();
            release.countDown();
            commit.join();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> outbox.uncommittedBytes() == 0);
            assertThat(outbox.next(Lane.ALARM, 0, 10)).extracting(Message::seq).containsExactly(1L);
        }
    }

    @Test
    void the_next_block_of_seqs_is_reserved_durably_before_the_first_one_runs_out() {
        SqliteOutbox crashed = SqliteOutbox.open(file(), T);
        for (int i = 0; i < SqliteOutbox.SEQ_BLOCK - 10; i++) {
            append(crashed, Lane.READING);
        }
        crashed.flush();
        for (int i = 0; i < 20; i++) {
            append(crashed, Lane.READING);
        }
        // Killed: seqs up to SEQ_BLOCK + 10 were handed out, some beyond the first block (the committer may have
        // committed some of the last ones before the kill).
        crashed.abandon();
        try (SqliteOutbox restarted = SqliteOutbox.open(file(), T)) {
            assertThat(restarted.lastSeq() + 1).as("no seq of the dead boot used again")
                    .isGreaterThan(SqliteOutbox.SEQ_BLOCK + 10);
            assertThat(restarted.lostSeqs().startupGaps()).singleElement().satisfies(range -> {
                assertThat(range[0]).isBetween(SqliteOutbox.SEQ_BLOCK - 9L, SqliteOutbox.SEQ_BLOCK + 11L);
                assertThat(range[1]).as("announced up to the reservation").isGreaterThan(SqliteOutbox.SEQ_BLOCK + 10L);
            });
        }
    }

    @Test
    void a_staged_alarm_acknowledged_before_its_commit_does_not_stay_pending() {
        try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
            long seq;
            synchronized (outbox) {
                seq = stage(outbox).seq();
                outbox.acknowledge(seq);
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> outbox.uncommittedBytes() == 0);
            outbox.flush();
            assertThat(outbox.pending()).isZero();
            assertThat(outbox.next(Lane.ALARM, 0, 10)).isEmpty();
        }
    }

    @Test
    void a_staged_alarm_is_stored_or_announced_after_a_crash_whenever_it_comes() {
        for (int i = 0; i < 20; i++) {
            SqliteOutbox crashed = SqliteOutbox.open(file(), T);
            long seq = stage(crashed).seq();
            crashed.abandon();
            try (SqliteOutbox outbox = SqliteOutbox.open(file(), T)) {
                boolean stored = outbox.next(Lane.ALARM, 0, 10_000).stream().anyMatch(m -> m.seq() == seq);
                boolean announced = outbox.lostSeqs().startupGaps().stream().anyMatch(r -> seq >= r[0] && seq <= r[1]);
                assertThat(stored || announced).as("seq %d stored or announced on gap, never lost silently", seq)
                        .isTrue();
                outbox.next(Lane.ALARM, 0, 10_000).forEach(m -> outbox.acknowledge(m.seq()));
            }
        }
    }
}
