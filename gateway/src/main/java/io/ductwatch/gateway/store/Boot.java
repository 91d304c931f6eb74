package io.ductwatch.gateway.store;

import static io.ductwatch.gateway.store.StoreFile.SYNCHRONOUS_FULL;
import static io.ductwatch.gateway.store.StoreFile.meta;
import static io.ductwatch.gateway.store.StoreFile.metaText;
import static io.ductwatch.gateway.store.StoreFile.setMeta;
import static io.ductwatch.gateway.store.StoreFile.setMetaText;
import static io.ductwatch.gateway.store.StoreFile.transaction;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A start of the gateway on its store, recorded durably before anything else: a new boot id and count, the
 * seqs (the previous boot's unused reservation goes to the lost ranges), the lost ranges still to announce,
 * and how many messages wait in the file.
 *
 * @param id             8 hex digits, new at every start
 * @param previousId     the previous start's id, if there was one
 * @param count          starts on this store, this one included
 * @param lostRanges     seq ranges lost in power cuts and not announced yet
 * @param seqs           this boot's seqs
 * @param pending        messages waiting in the file
 */
record Boot(String id, Optional<String> previousId, long count, List<long[]> lostRanges, SeqLedger seqs,
            long pending) {

    /** Records the new boot in the store's meta table, in one durable transaction. */
    static Boot start(Connection db) throws SQLException {
        long count = meta(db, "boot_count", 0) + 1;
        String id = UUID.randomUUID().toString().substring(0, 8);
        Optional<String> previous = metaText(db, "boot_id");
        SeqLedger[] ledger = new SeqLedger[1];
        transaction(db, SYNCHRONOUS_FULL, () -> {
            ledger[0] = SeqLedger.start(db);
            setMeta(db, "boot_count", count);
            setMetaText(db, "boot_id", id);
        });
        List<long[]> lost = new ArrayList<>();
        long pending;
        try (Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT first, last FROM lost ORDER BY first")) {
                while (rs.next()) {
                    lost.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM outbox")) {
                pending = rs.getLong(1);
            }
        }
        return new Boot(id, previous, count, List.copyOf(lost), ledger[0], pending);
    }
}
