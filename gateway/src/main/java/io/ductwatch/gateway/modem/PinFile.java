package io.ductwatch.gateway.modem;

import io.ductwatch.config.FileProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The SIM's PIN file: one line of 4 to 8 digits (surrounding blanks and a final newline allowed). */
public final class PinFile {

    private PinFile() {
    }

    /** The PIN; a file that is not one line of 4 to 8 digits is refused, located to its line. */
    public static String read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        if (lines.size() != 1) {
            throw new FileProblemException(file, 0, "needs one line with the SIM's PIN, found " + lines.size());
        }
        String pin = lines.get(0).strip();
        if (!pin.matches("[0-9]{4,8}")) {
            // The PIN itself is never printed: the message says only what is wrong with it.
            throw new FileProblemException(file, 1 + Files.readAllLines(file).indexOf(lines.get(0)),
                    "a SIM PIN is 4 to 8 digits, found " + pin.length() + " characters"
                            + (pin.chars().allMatch(Character::isDigit) ? "" : " with non-digits"));
        }
        return pin;
    }
}
