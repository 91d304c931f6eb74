package io.ductwatch.gateway.store;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Outbox.Message;
import io.ductwatch.gateway.core.Thinner;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store holds in memory: the messages not yet committed, in seq order (readings between flushes,
 * staged alarms until their commit, everything while the disk refuses writes: the spill), the
 * acknowledgements not yet applied to the file, the seqs, the counts and the write failure. A message gets
 * its seq and its place here in one step, so the buffer is always in seq order.
 *
 * <p>Thread-safe on its own lock, held for memory work only, never across SQL: the store's lock (held by
 * commits through their fsync) may take it, never the reverse, so an alarm staged here never waits for a
 * commit. A commit {@linkplain #take takes} a batch, writes it outside this lock and then
 * {@linkplain #committed settles} it.
 */
final class MemoryRows {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryRows.class);

    /** A message in memory. */
    record Row(long seq, Lane lane, String topic, byte[] payload, long createdMs, boolean aggregate) {

        Message message() {
            return new Message(seq, lane, topic, payload, Instant.ofEpochMilli(createdMs));
        }
    }

    /** What one commit stores: the buffer's rows and acknowledgements at its start, and what goes with them. */
    record Batch(List<Row> rows, List<Long> acks, long highest, boolean forgetLost, long reserveUntil) {
    }

    private final SeqLedger seqs;
    private final List<Row> buffered = new ArrayList<>();
    private final List<Long> acknowledged = new ArrayList<>();
    /** Seqs acknowledged while uncommitted and dropped from memory while a commit holding them ran. */
    private final Set<Long> droppedInFlight = new HashSet<>();
    /** The highest seq of the batch being committed, or 0. */
    private long inFlightUpTo;
    private long bytes;
    private long pendingCommitted;
    private boolean forgetLost;
    private String writeFailure;
    private String lastWriteFailure = "";
    private long failedWrites;

    /** @param pendingCommitted messages the file holds at start */
    MemoryRows(SeqLedger seqs, long pendingCommitted) {
        this.seqs = seqs;
        this.pendingCommitted = pendingCommitted;
    }

    /** Gives a message the next seq and keeps it until a commit stores it. */
    synchronized Row add(Lane lane, String topic, long createdMs, boolean aggregate, LongFunction<byte[]> payload) {
        long seq = seqs.allocate();
        Row row = new Row(seq, lane, topic, payload.apply(seq), createdMs, aggregate);
        buffered.add(row);
        bytes += row.payload().length;
        return row;
    }

    /** The same, for the message announcing the lost seqs: the next commit also forgets them. */
    synchronized Row addAnnouncingLost(String topic, long createdMs, LongFunction<byte[]> payload) {
        forgetLost = true;
        return add(Lane.ALARM, topic, createdMs, false, payload);
    }

    /** Whether the next block of seqs should be reserved now. */
    synchronized boolean reserveDue() {
        return seqs.reserveDue();
    }

    /**
     * The broker has {@code seq}. While the disk refuses writes, an uncommitted one need never be stored and
     * is dropped (if a commit running holds it all the same, it is removed after that commit); otherwise it
     * is removed from the file with the next commit.
     */
    synchronized void acknowledge(long seq) {
        for (int i = 0; writeFailure != null && i < buffered.size(); i++) {
            if (buffered.get(i).seq() == seq) {
                bytes -= buffered.remove(i).payload().length;
                if (seq <= inFlightUpTo) {
                    droppedInFlight.add(seq);
                }
                return;
            }
        }
        acknowledged.add(seq);
    }

    /** Rows (seq first) a thinning pass replaced: removed from the file with the next commit. */
    synchronized void removeWithNextCommit(List<long[]> rows) {
        rows.forEach(r -> acknowledged.add(r[0]));
    }

    /** The next commit's batch, or null when there is nothing to commit. */
    synchronized Batch take() {
        long reserveUntil = seqs.reserveDue() ? seqs.nextReservation() : 0;
        if (buffered.isEmpty() && acknowledged.isEmpty() && reserveUntil == 0) {
            return null;
        }
        long highest = buffered.isEmpty() ? seqs.committedMax()
                : Math.max(seqs.committedMax(), buffered.get(buffered.size() - 1).seq());
        inFlightUpTo = highest;
        return new Batch(List.copyOf(buffered), List.copyOf(acknowledged), highest, forgetLost, reserveUntil);
    }

    /** The batch is in the file, {@code removed} acknowledged rows out of it. */
    synchronized void committed(Batch batch, int removed) {
        // The batch is the oldest of the buffer, in seq order, less what was acknowledged and dropped meanwhile.
        long last = batch.rows().isEmpty() ? 0 : batch.rows().get(batch.rows().size() - 1).seq();
        int stored = 0;
        while (stored < buffered.size() && buffered.get(stored).seq() <= last) {
            bytes -= buffered.get(stored++).payload().length;
        }
        buffered.subList(0, stored).clear();
        // Those were stored all the same: removed with the next acknowledgements.
        acknowledged.subList(0, batch.acks().size()).clear();
        acknowledged.addAll(droppedInFlight);
        droppedInFlight.clear();
        inFlightUpTo = 0;
        pendingCommitted += batch.rows().size() - removed;
        if (batch.forgetLost()) {
            forgetLost = false;
        }
        seqs.committed(batch.highest());
        if (batch.reserveUntil() > 0) {
            seqs.reserved(batch.reserveUntil());
        }
        if (!batch.rows().isEmpty() && writeFailure != null) {
            // Only a commit that stored messages shows the store writes again (a small update may fit).
            LOG.warn("store writes again after: {}", writeFailure);
            writeFailure = null;
        }
    }

    /** The batch could not be written: it stays in memory, and so does the store's failure. */
    synchronized void commitFailed(String what, SQLException e) {
        inFlightUpTo = 0;
        droppedInFlight.clear();
        failed(what, e);
    }

    synchronized void failed(String what, SQLException e) {
        if (writeFailure == null) {
            LOG.error("store cannot write ({}): {}; messages are kept in memory and offered from there", what,
                    e.getMessage());
        }
        writeFailure = e.getMessage();
        lastWriteFailure = writeFailure;
        failedWrites++;
    }

    /** The acknowledgements to remove from the file now, oldest first. */
    synchronized List<Long> acknowledgements() {
        return List.copyOf(acknowledged);
    }

    /** The first {@code count} of them were removed from the file, {@code removed} rows in all. */
    synchronized void acknowledgementsApplied(int count, int removed) {
        acknowledged.subList(0, count).clear();
        pendingCommitted -= removed;
    }

    /** The acknowledged seqs the file still holds. */
    synchronized Set<Long> acknowledgedSeqs() {
        return new HashSet<>(acknowledged);
    }

    /**
     * The uncommitted messages of a lane after {@code afterSeq}, at most {@code max}: staged alarms always
     * (they are published while they commit), readings only while the disk refuses writes.
     */
    synchronized List<Message> uncommitted(Lane lane, long afterSeq, int max) {
        List<Message> messages = new ArrayList<>();
        if (writeFailure != null || lane == Lane.ALARM) {
            for (int i = 0; i < buffered.size() && messages.size() < max; i++) {
                Row row = buffered.get(i);
                if (row.lane() == lane && row.seq() > afterSeq) {
                    messages.add(row.message());
                }
            }
        }
        return messages;
    }

    /**
     * While the disk refuses writes and memory holds more than {@code maxBytes}: drops the oldest uncommitted
     * readings down to three quarters of it, and keeps the {@code gap} message naming them.
     *
     * @return how many readings were dropped
     */
    synchronized int shed(long maxBytes, Instant now, String gapTopic, Thinner thinner) {
        if (writeFailure == null || bytes <= maxBytes) {
            return 0;
        }
        List<long[]> dropped = new ArrayList<>();
        for (int i = 0; i < buffered.size() && bytes > maxBytes * 3 / 4; ) {
            Row row = buffered.get(i);
            if (row.lane() == Lane.READING) {
                buffered.remove(i);
                bytes -= row.payload().length;
                dropped.add(new long[] {row.seq(), row.createdMs()});
            } else {
                i++;
            }
        }
        if (dropped.isEmpty()) {
            return 0;
        }
        String why = "store cannot write (" + writeFailure + "): oldest readings dropped from memory";
        add(Lane.ALARM, gapTopic, now.toEpochMilli(), false,
                gapSeq -> thinner.gap(gapSeq, now, StoreThinning.ranges(dropped), why));
        LOG.error("store cannot write: {} uncommitted readings dropped from memory, announced on gap", dropped.size());
        return dropped.size();
    }

    /** Forgets everything in memory, as a crash would. */
    synchronized void clear() {
        buffered.clear();
        bytes = 0;
        acknowledged.clear();
    }

    synchronized long pending() {
        return pendingCommitted + buffered.size() - acknowledged.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return buffered.size();
    }

    synchronized long lastSeq() {
        return seqs.last();
    }

    /** When the oldest uncommitted message was created. */
    synchronized Optional<Instant> oldestCreated() {
        return buffered.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(buffered.get(0).createdMs()));
    }

    synchronized boolean writeFailing() {
        return writeFailure != null;
    }

    synchronized Optional<String> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    synchronized long failedWrites() {
        return failedWrites;
    }

    synchronized String lastWriteFailure() {
        return lastWriteFailure;
    }
}
