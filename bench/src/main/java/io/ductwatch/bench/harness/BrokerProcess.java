package io.ductwatch.bench.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Mosquitto broker the fault harness owns, so that it can kill it with {@code kill -9} and start it again
 * on the same port. No persistence, as in the harness's other runs: what survives a broker crash is the
 * gateway's store, not the broker's.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path config;
    private final Path log;
    private final int port;
    private final List<String> pin;
    private Process process;

    private BrokerProcess(Path config, Path log, int port, List<String> pin) {
        this.config = config;
        this.log = log;
        this.port = port;
        this.pin = pin;
    }

    /**
     * Starts mosquitto on a free loopback port.
     *
     * @param pin a command prefix such as {@code taskset -c 1}, or empty
     */
    static BrokerProcess start(Path dir, List<String> pin) throws IOException, InterruptedException {
        return start(dir, pin, false);
    }

    /** The same, keeping its clients' sessions across a restart (persistence in {@code dir}) or not. */
    static BrokerProcess start(Path dir, List<String> pin, boolean persistent) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + (persistent ? "persistence true\npersistence_location " + dir.toAbsolutePath() + "/\nautosave_interval 1\n"
                : "persistence false\n") + "max_queued_messages 2000000\nmax_inflight_messages 0\n");
        BrokerProcess broker = new BrokerProcess(config, dir.resolve("mosquitto.log"), port, pin);
        broker.restart();
        return broker;
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The broker's death as its clients see a crash: SIGKILL, no goodbye to anyone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts the broker again on its port and waits until it accepts connections. */
    void restart() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(pin);
        command.addAll(List.of("mosquitto", "-c", config.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long until = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > until) {
                    throw new IOException("mosquitto did not start on port " + port + " (see " + log + ")");
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }
}
