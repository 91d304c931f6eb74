package io.ductwatch.gateway.local;

import io.ductwatch.config.FileProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The technicians' DTLS pre-shared keys, from the file the site file names: one {@code IDENTITY,KEY,read|write}
 * line each, KEY in hex; blank lines and {@code #} comments are ignored. A bad line is refused with the file,
 * the line and what is wrong, so a gateway never starts with a half-read key list.
 */
public record PskFile(Map<String, Identity> identities) {

    /** Shortest key accepted: 128 bits, as RFC 7925 asks of PSKs for constrained devices. */
    static final int MIN_KEY_BYTES = 16;

    /** One technician (or tool) and what it may do. */
    public record Identity(String name, byte[] key, boolean write) {
    }

    public PskFile {
        identities = Map.copyOf(identities);
    }

    public static PskFile read(Path file) throws IOException {
        Map<String, Identity> identities = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int at = i + 1;
            String[] parts = line.split(",", -1);
            if (parts.length != 3) {
                throw new FileProblemException(file, at, "expected IDENTITY,KEY,read|write, found " + parts.length + " fields");
            }
            String name = parts[0].strip();
            if (name.isEmpty() || name.length() > 128) {
                throw new FileProblemException(file, at, "identity must be 1 to 128 characters");
            }
            byte[] key;
            try {
                key = HexFormat.of().parseHex(parts[1].strip());
            } catch (IllegalArgumentException e) {
                throw new FileProblemException(file, at, "key of '" + name + "' is not hex: " + e.getMessage());
            }
            if (key.length < MIN_KEY_BYTES) {
                throw new FileProblemException(file, at, "key of '" + name + "' has " + key.length + " bytes; at least "
                        + MIN_KEY_BYTES + " (32 hex digits) are needed");
            }
            String role = parts[2].strip();
            if (!role.equals("read") && !role.equals("write")) {
                throw new FileProblemException(file, at, "role of '" + name + "' is '" + role + "'; expected read or write");
            }
            if (identities.put(name, new Identity(name, key, role.equals("write"))) != null) {
                throw new FileProblemException(file, at, "identity '" + name + "' appears twice");
            }
        }
        if (identities.isEmpty()) {
            throw new FileProblemException(file, 0, "names no identity; coaps:// would accept nobody");
        }
        return new PskFile(identities);
    }

    /** Whether this identity may acknowledge and reset alarms. */
    public boolean mayWrite(String identity) {
        Identity id = identities.get(identity);
        return id != null && id.write();
    }
}
