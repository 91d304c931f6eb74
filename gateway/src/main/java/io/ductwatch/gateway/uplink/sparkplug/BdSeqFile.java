package io.ductwatch.gateway.uplink.sparkplug;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The birth/death sequence number ({@code bdSeq}, 0-255) of the edge node's MQTT sessions, kept in a file
 * next to the store so that it keeps counting across restarts: a host that gets the NDEATH of the last
 * session late (the broker notices a power cut only at the keepalive) must not take it for the death of
 * the new session, which it would if both had the same bdSeq. Each connect attempt takes the next value
 * ({@link #next()}); the NBIRTH of a session carries the value of its will. Used on the node's thread.
 */
final class BdSeqFile {

    private static final Logger LOG = LoggerFactory.getLogger(BdSeqFile.class);

    private final Path file;
    private int last;

    private BdSeqFile(Path file, int last) {
        this.file = file;
        this.last = last;
    }

    /** Reads the file; a missing or unreadable one starts the count (the first session has bdSeq 0). */
    static BdSeqFile open(Path file) {
        int last = -1;
        try {
            if (Files.exists(file)) {
                last = Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
        } catch (IOException | NumberFormatException e) {
            last = -1;
        }
        return new BdSeqFile(file, last < 0 || last > 255 ? -1 : last);
    }

    /**
     * The bdSeq of the next connect attempt, written to the file before the attempt uses it. A file that
     * cannot be written (a full disk) does not stop the node: the count goes on in memory.
     */
    int next() {
        last = (last + 1) % 256;
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(last), StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot keep the Sparkplug bdSeq in {}: {}; counting on in memory", file, e.toString());
        }
        return last;
    }
}
