package io.ductwatch.gateway.uplink;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An MQTT broker on loopback for integration tests: Moquette in this JVM by default, a real Mosquitto
 * when the tests run with {@code -Dductwatch.broker=mosquitto} (then a missing {@code mosquitto} binary
 * fails the test, it does not skip it). It can be stopped and started again on the same port, as a
 * broker restart; it persists its sessions across that restart, as a production broker is set up to, so
 * that a test's subscriber misses nothing while it reconnects.
 */
public final class BrokerFixture implements AutoCloseable {

    private final boolean mosquitto = "mosquitto".equals(System.getProperty("ductwatch.broker", "embedded"));
    private final int port;
    private final Path workDir;
    private final TlsMaterial tls;
    private List<String> extraConfig = List.of();
    /** Anonymous clients allowed when the extra configuration is a bridge, not logins. */
    private boolean bridge;
    private Server moquette;
    private Process process;

    private BrokerFixture(int port, Path workDir, TlsMaterial tls) {
        this.port = port;
        this.workDir = workDir;
        this.tls = tls;
    }

    /**
     * Mosquitto with TLS on its port, requiring client certificates from the material's CA.
     *
     * @param version empty for Mosquitto's default (TLS 1.2 and 1.3), or {@code tlsv1.3} / {@code tlsv1.2}
     *                for that version only
     */
    public static BrokerFixture startTls(TlsMaterial tls, String version) {
        try {
            BrokerFixture fixture = new BrokerFixture(freePort(), Files.createTempDirectory("ductwatch-broker"), tls);
            fixture.extraConfig = version.isEmpty() ? List.of() : List.of("tls_version " + version);
            fixture.startBroker();
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Mosquitto with logins and an ACL: {@code users} maps usernames to passwords (hashed into a password
     * file with {@code mosquitto_passwd}), anonymous clients are refused.
     */
    public static BrokerFixture startWithAcl(Path aclFile, Map<String, String> users) {
        try {
            Path workDir = Files.createTempDirectory("ductwatch-broker");
            Path passwords = workDir.resolve("passwd");
            Files.createFile(passwords);
            for (Map.Entry<String, String> user : users.entrySet()) {
                Process p = new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), user.getKey(),
                        user.getValue()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (p.waitFor() != 0) {
                    throw new IOException("mosquitto_passwd failed: " + out);
                }
            }
            BrokerFixture fixture = new BrokerFixture(freePort(), workDir, null);
            fixture.extraConfig = List.of("password_file " + passwords, "acl_file " + aclFile.toAbsolutePath());
            fixture.startBroker();
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A Mosquitto bridged to {@code other} (always Mosquitto: a bridge is its configuration): every
     * {@code ductwatch/#} message published on either broker reaches the subscribers of both, at QoS 1, with
     * the bridge's session kept, so a pair of brokers serves one fleet (docs/install.md).
     */
    public static BrokerFixture startBridgedTo(BrokerFixture other) {
        try {
            BrokerFixture fixture = new BrokerFixture(freePort(), Files.createTempDirectory("ductwatch-broker"), null);
            fixture.bridge = true;
            fixture.extraConfig = List.of("connection ductwatch-pair", "address 127.0.0.1:" + other.port(),
                    "topic ductwatch/# both 1", "cleansession false", "restart_timeout 1",
                    "bridge_protocol_version mqttv311", "try_private true", "notifications false");
            fixture.startBroker();
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Mosquitto whatever the tests' broker is (the other half of a bridged pair). */
    public static BrokerFixture startMosquitto() {
        try {
            BrokerFixture fixture = new BrokerFixture(freePort(), Files.createTempDirectory("ductwatch-broker"), null);
            fixture.bridge = true;
            fixture.extraConfig = List.of("# a Mosquitto of its own");
            fixture.startBroker();
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BrokerFixture start() {
        try {
            BrokerFixture fixture = new BrokerFixture(freePort(), Files.createTempDirectory("ductwatch-broker"), null);
            fixture.startBroker();
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return tls != null ? "ssl://localhost:" + port : "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String kind() {
        return mosquitto || tls != null || !extraConfig.isEmpty() ? "mosquitto" : "moquette";
    }

    public void startBroker() throws IOException {
        if (mosquitto || tls != null || !extraConfig.isEmpty()) {
            Path config = workDir.resolve("mosquitto.conf");
            String tlsLines = tls == null ? "" : String.join("\n", "cafile " + tls.ca(), "certfile " + tls.serverCert(),
                    "keyfile " + tls.serverKey(), "require_certificate true", "");
            Files.writeString(config, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    // Started as root (as CI is), Mosquitto would drop to user mosquitto and could not write
                    // its persistence file into this test's folder.
                    "user " + System.getProperty("user.name"),
                    "allow_anonymous " + (tls != null || extraConfig.isEmpty() || bridge),
                    "persistence true",
                    "persistence_location " + workDir + "/",
                    "autosave_interval 1",
                    "max_queued_messages 2000000",
                    "max_inflight_messages 0",
                    "log_dest stderr",
                    "log_type error",
                    "log_type warning",
                    tlsLines,
                    String.join("\n", extraConfig),
                    ""));
            process = new ProcessBuilder("mosquitto", "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("mosquitto.log").toFile()).start();
        } else {
            Properties props = new Properties();
            props.setProperty("host", "127.0.0.1");
            props.setProperty("port", Integer.toString(port));
            props.setProperty("persistence_enabled", "true");
            props.setProperty("persistent_store", workDir.resolve("moquette.h2").toString());
            props.setProperty("telemetry_enabled", "false");
            props.setProperty("allow_anonymous", "true");
            // Moquette refuses messages over 8 KB by default and drops the connection; the one-minute
            // aggregates of a thinned store are larger. Mosquitto's own limit is 256 MB.
            props.setProperty("netty.mqtt.message_size", Integer.toString(1 << 20));
            moquette = new Server();
            moquette.startServer(new MemoryConfig(props));
        }
        awaitListening();
    }

    /** Stops the broker; every client connection drops. */
    public void stopBroker() {
        if (moquette != null) {
            moquette.stopServer();
            moquette = null;
        }
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (process != null && !process.isAlive()) {
                    throw new IOException("mosquitto exited: " + Files.readString(workDir.resolve("mosquitto.log")));
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
        throw new IOException(kind() + " is not listening on " + port + " after 10 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        stopBroker();
        try (java.util.stream.Stream<Path> files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
