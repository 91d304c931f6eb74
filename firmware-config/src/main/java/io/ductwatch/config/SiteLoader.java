package io.ductwatch.config;

import io.ductwatch.config.schema.SiteSchema;
import io.ductwatch.config.yaml.Located;
import io.ductwatch.config.yaml.Position;
import io.ductwatch.config.yaml.ProblemSink;
import io.ductwatch.config.yaml.YamlChecker;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads and validates a site file. Every problem in the file is reported at once, each with its line,
 * column and document path, so an installer fixes them in one pass.
 *
 * <p>Thread-safe: it holds no state.
 */
public final class SiteLoader {

    /** Largest site file read; a real one is a few tens of kilobytes. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private SiteLoader() {
    }

    /** Loads {@code file}, naming it in problems as it is written here. */
    public static SiteConfig load(Path file) throws InvalidConfigException {
        return load(file, file.toString());
    }

    /**
     * Loads {@code file}.
     *
     * @param label how problems name the file (the path as the user typed it)
     * @throws InvalidConfigException with every problem found, when the file cannot be used
     */
    public static SiteConfig load(Path file, String label) throws InvalidConfigException {
        ProblemSink sink = new ProblemSink(label);
        Optional<String> text = read(file, sink);
        if (text.isEmpty()) {
            throw new InvalidConfigException(sink.problems());
        }
        Path baseDir = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("/"));
        Optional<Located.Mapping> root = YamlChecker.check(text.get(), label, baseDir, SiteSchema.SITE, sink);
        root.ifPresent(r -> SiteRules.check(r, sink));
        if (!sink.isEmpty() || root.isEmpty()) {
            throw new InvalidConfigException(sink.problems());
        }
        return SiteBinder.bind(file, root.get());
    }

    private static Optional<String> read(Path file, ProblemSink sink) {
        try {
            if (Files.isDirectory(file)) {
                sink.add(Position.START, "", "is a folder, not a site file");
                return Optional.empty();
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                sink.add(Position.START, "", "is " + Files.size(file) + " bytes; a site file is at most "
                        + MAX_FILE_BYTES);
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (NoSuchFileException e) {
            sink.add(Position.START, "", "no such file");
        } catch (CharacterCodingException e) {
            sink.add(Position.START, "", "is not UTF-8 text");
        } catch (IOException e) {
            sink.add(Position.START, "", "cannot read: " + e.getMessage());
        }
        return Optional.empty();
    }
}
