package io.ductwatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The MQTT uplink.
 *
 * @param brokers         URLs in failover order
 * @param clientId        MQTT client id
 * @param keepalive       MQTT keepalive
 * @param tls             TLS files, when the brokers are {@code ssl://}
 * @param credentialsFile file with {@code username=} and {@code password=} lines
 * @param operators       who may send which command
 * @param replayPerS      most buffered readings replayed per second
 */
public record UplinkConfig(List<URI> brokers, String clientId, Duration keepalive, Optional<Tls> tls,
                           Optional<Path> credentialsFile, List<Operator> operators, int replayPerS) {

    public UplinkConfig {
        brokers = List.copyOf(brokers);
        operators = List.copyOf(operators);
    }

    /** PEM files: the CA to trust, and optionally a client certificate with its key. */
    public record Tls(Path caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    }

    /** An operator and the commands it may send. */
    public record Operator(String id, Set<String> commands) {
    }
}
