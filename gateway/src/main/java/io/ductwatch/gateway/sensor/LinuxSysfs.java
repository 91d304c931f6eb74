package io.ductwatch.gateway.sensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link SysfsTree} on the real file system, under a root such as {@code /sys/bus/w1/devices}. */
public final class LinuxSysfs implements SysfsTree {

    private final Path root;

    public LinuxSysfs(Path root) {
        this.root = root;
    }

    @Override
    public Optional<String> read(String path) throws IOException {
        try {
            return Optional.of(Files.readString(root.resolve(path), StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String path, String text) throws IOException {
        Files.writeString(root.resolve(path), text, StandardCharsets.US_ASCII);
    }

    @Override
    public List<String> list(String folder) throws IOException {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
