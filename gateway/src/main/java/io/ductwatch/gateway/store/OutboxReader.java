package io.ductwatch.gateway.store;

import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Outbox.Message;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what waits to be sent: the uncommitted messages from {@link MemoryRows}, the committed ones on a
 * connection of its own: in WAL mode a reader neither waits for the
 * store's commits nor holds them up, so the uplink reading its next page never waits for an alarm's fsync.
 * Each read sees the file as of its start. Used by the uplink's thread and the health timer, one at a time
 * (its own lock); never takes the store's locks.
 */
final class OutboxReader implements AutoCloseable {

    private final SideConnection connection;
    private final PreparedStatement[] next = new PreparedStatement[Lane.values().length];

    OutboxReader(Path file) {
        this.connection = new SideConnection(file);
    }

    /**
     * The messages of a lane after {@code afterSeq} not yet acknowledged, oldest first, at most {@code max}:
     * uncommitted ones from memory, taken first, then committed ones from this connection. A message a commit
     * moves from memory to the file meanwhile is then in one or the other, and since commits store the buffer's
     * oldest first, no message is left out while a later one is offered. Acknowledged messages not yet deleted
     * are left out for a read from the start (a new connection); a read from a cursor lies past them.
     */
    List<Message> pending(MemoryRows memory, Lane lane, long afterSeq, int max) {
        List<Message> uncommitted = memory.uncommitted(lane, afterSeq, max);
        Set<Long> acked = afterSeq == 0 ? memory.acknowledgedSeqs() : Set.of();
        List<Message> committed = next(lane, afterSeq, max + acked.size());
        TreeMap<Long, Message> merged = new TreeMap<>();
        for (Message m : committed) {
            if (!acked.contains(m.seq())) {
                merged.put(m.seq(), m);
            }
        }
        uncommitted.forEach(m -> merged.putIfAbsent(m.seq(), m));
        return merged.values().stream().limit(max).toList();
    }

    /** When the oldest message not yet acknowledged was created, committed or in memory. */
    Optional<Instant> oldestPending(MemoryRows memory) {
        Optional<Instant> committed = oldest(memory.acknowledgedSeqs());
        return committed.isPresent() ? committed : memory.oldestCreated();
    }

    /** The committed messages of a lane after {@code afterSeq}, oldest first, at most {@code max}. */
    private synchronized List<Message> next(Lane lane, long afterSeq, int max) {
        List<Message> messages = new ArrayList<>();
        try {
            PreparedStatement st = next[lane.ordinal()];
            if (st == null) {
                // Prepared once: the uplink reads many small pages.
                // The literal lane lets SQLite use the partial index of alarms; readings are read along the seq.
                st = connection.get().prepareStatement("SELECT seq, topic, payload, created_ms FROM outbox WHERE lane = "
                        + lane.ordinal() + " AND seq > ? ORDER BY seq LIMIT ?");
                next[lane.ordinal()] = st;
            }
            st.setLong(1, afterSeq);
            st.setInt(2, max);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    messages.add(new Message(rs.getLong(1), lane, rs.getString(2), rs.getBytes(3),
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox: " + e.getMessage(), e);
        }
        return messages;
    }

    /** When the oldest committed message not in {@code acknowledged} was created. */
    private synchronized Optional<Instant> oldest(Set<Long> acknowledged) {
        try (Statement st = connection.get().createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, created_ms FROM outbox ORDER BY seq LIMIT "
                     + (acknowledged.size() + 1))) {
            while (rs.next()) {
                if (!acknowledged.contains(rs.getLong(1))) {
                    return Optional.of(Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        connection.close();
    }
}
