package io.ductwatch.config;

import java.nio.file.Path;
import java.time.Duration;

/** The SQLite store-and-forward file: where, how large at most, how often readings are committed. */
public record StoreConfig(Path path, long maxBytes, Duration commitInterval) {
}
