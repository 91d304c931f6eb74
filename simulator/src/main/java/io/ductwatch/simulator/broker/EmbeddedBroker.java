package io.ductwatch.simulator.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * Moquette in this JVM, on a free loopback port: the zero-setup broker of the demo and of {@code run}
 * without {@code --broker}. No persistence, no telemetry, nothing written to the working directory.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final Server server = new Server();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    public static EmbeddedBroker start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            EmbeddedBroker broker = new EmbeddedBroker(port);
            Properties props = new Properties();
            props.setProperty("host", "127.0.0.1");
            props.setProperty("port", Integer.toString(port));
            props.setProperty("persistence_enabled", "false");
            props.setProperty("telemetry_enabled", "false");
            props.setProperty("allow_anonymous", "true");
            // Moquette refuses messages over 8 KB by default and drops the connection; the one-minute
            // aggregates of a thinned store are larger. Mosquitto's own limit is 256 MB.
            props.setProperty("netty.mqtt.message_size", Integer.toString(1 << 20));
            broker.server.startServer(new MemoryConfig(props));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded broker", e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
