package io.ductwatch.simulator.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on loopback between the gateway and its broker that can fail the way networks do:
 * {@link Mode#DOWN} cuts every connection and refuses new ones at once (a cable pulled, a broker gone);
 * {@link Mode#HALF_OPEN} keeps the connections and accepts new ones but forwards nothing either way (a
 * link dead in the middle: the gateway's writes succeed, no answer ever comes); {@link #dropAll()} cuts
 * the current connections once (a broker restart as its clients see it). Thread-safe;
 * {@link #close()} ends it.
 */
public final class FaultProxy implements AutoCloseable {

    /** How the proxy treats traffic. */
    public enum Mode { PASS, DOWN, HALF_OPEN }

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.PASS;
    private volatile boolean running = true;

    private FaultProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on a free loopback port and forwards to {@code target}. */
    public static FaultProxy start(InetSocketAddress target) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultProxy proxy = new FaultProxy(server, target);
        Thread acceptor = new Thread(proxy::accept, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    public Mode mode() {
        return mode;
    }

    /** Changes how traffic is treated; DOWN also cuts every open connection. */
    public void mode(Mode newMode) {
        this.mode = newMode;
        if (newMode == Mode.DOWN) {
            dropAll();
        }
    }

    /** Cuts every open connection once. */
    public void dropAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private void accept() {
        while (running) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (running) {
                    LOG.warn("proxy accept failed: {}", e.getMessage());
                }
                return;
            }
            if (mode == Mode.DOWN) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, "up");
                pump(upstream, client, "down");
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (mode == Mode.PASS) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                    // HALF_OPEN: read and drop, so the sender's writes succeed and nothing arrives.
                }
            } catch (SocketException e) {
                // The connection was cut, by a fault or by its end.
            } catch (IOException e) {
                LOG.debug("proxy {}: {}", direction, e.getMessage());
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "fault-proxy-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("close: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        dropAll();
        server.close();
    }
}
