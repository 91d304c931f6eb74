package io.ductwatch.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A site file that must be rejected, with what the checker must say about it written in its trailing
 * comments: {@code # expect: LINE:COLUMN: PATH: MESSAGE} lines, and {@code # schema: rejects|accepts|unparseable}
 * for whether the JSON Schema alone catches it.
 */
public record InvalidFixture(Path file, List<String> expected, String schemaVerdict) {

    public static Stream<InvalidFixture> all() {
        try (Stream<Path> files = Files.list(ModulePaths.invalidFixtures())) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(InvalidFixture::read).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InvalidFixture read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> expected = lines.stream().filter(l -> l.startsWith("# expect: "))
                    .map(l -> l.substring("# expect: ".length())).toList();
            String verdict = lines.stream().filter(l -> l.startsWith("# schema: "))
                    .map(l -> l.substring("# schema: ".length()).trim()).findFirst()
                    .orElseThrow(() -> new IllegalStateException(file + " has no '# schema:' line"));
            if (expected.isEmpty()) {
                throw new IllegalStateException(file + " has no '# expect:' line");
            }
            return new InvalidFixture(file, expected, verdict);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
