package io.ductwatch.gateway.uplink;

import io.ductwatch.config.FileProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Broker credentials from the file the site file names: {@code username=} and {@code password=} lines;
 * blank lines and {@code #} comments are ignored.
 */
public record Credentials(String username, char[] password) {

    public static Credentials read(Path file) throws IOException {
        String username = null;
        char[] password = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            String value = eq < 0 ? "" : line.substring(eq + 1);
            switch (key) {
                case "username" -> username = value.strip();
                case "password" -> password = value.toCharArray();
                default -> throw new FileProblemException(file, i + 1, "unknown key '" + key
                        + "'; expected username= or password=");
            }
        }
        if (username == null || username.isEmpty() || password == null) {
            throw new FileProblemException(file, 0, "needs a username= and a password= line");
        }
        return new Credentials(username, password);
    }
}
