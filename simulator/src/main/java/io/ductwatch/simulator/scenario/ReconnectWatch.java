package io.ductwatch.simulator.scenario;

import io.ductwatch.gateway.uplink.MqttUplink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Watches a fleet's uplinks in wall time (every 20 ms, on a timer thread of its own, reading the wall clock
 * it is given: reconnections are real sockets) and keeps, for each broker
 * loss, when each gateway came back. A loss starts when the first gateway that was connected loses its
 * broker, and ends when every gateway is connected again; a gateway's {@code reconnectAtS} for it is the
 * time from the loss's start to its own reconnection.
 */
final class ReconnectWatch implements AutoCloseable {

    /** One broker loss: when it started (wall ms) and when each gateway reconnected, NaN if it has not. */
    record Loss(long startedMillis, double[] reconnectAtS) {
    }

    private final List<Supplier<MqttUplink>> uplinks;
    private final List<Loss> losses = new ArrayList<>();
    private final boolean[] connected;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fleet-reconnect-watch");
        thread.setDaemon(true);
        return thread;
    });

    /** @param wallMillis the wall clock ({@code System::currentTimeMillis}) */
    ReconnectWatch(List<Supplier<MqttUplink>> uplinks, LongSupplier wallMillis) {
        this.uplinks = List.copyOf(uplinks);
        this.connected = new boolean[uplinks.size()];
        timer.scheduleAtFixedRate(() -> poll(wallMillis.getAsLong()), 0, 20, TimeUnit.MILLISECONDS);
    }

    private synchronized void poll(long now) {
        Loss current = losses.isEmpty() ? null : losses.get(losses.size() - 1);
        boolean open = current != null && java.util.Arrays.stream(current.reconnectAtS()).anyMatch(Double::isNaN);
        for (int i = 0; i < uplinks.size(); i++) {
            MqttUplink uplink = uplinks.get(i).get();
            boolean up = uplink != null && uplink.state() == MqttUplink.State.CONNECTED;
            if (connected[i] && !up && !open) {
                double[] back = new double[uplinks.size()];
                java.util.Arrays.fill(back, Double.NaN);
                current = new Loss(now, back);
                losses.add(current);
                open = true;
            }
            if (!connected[i] && up && open && Double.isNaN(current.reconnectAtS()[i])) {
                current.reconnectAtS()[i] = (now - current.startedMillis()) / 1000.0;
            }
            connected[i] = up;
        }
        if (open && java.util.Arrays.stream(current.reconnectAtS()).noneMatch(Double::isNaN)) {
            open = false;
        }
    }

    synchronized List<Loss> losses() {
        return losses.stream().map(l -> new Loss(l.startedMillis(), l.reconnectAtS().clone())).toList();
    }

    /** Seconds between the first and the last reconnection of a loss. */
    static double spreadS(Loss loss) {
        double[] back = java.util.Arrays.stream(loss.reconnectAtS()).filter(Double::isFinite).sorted().toArray();
        return back.length == 0 ? 0 : back[back.length - 1] - back[0];
    }

    /** The most gateways that reconnected within any one second of a loss (a sliding window). */
    static int maxPerSecond(Loss loss) {
        double[] back = java.util.Arrays.stream(loss.reconnectAtS()).filter(Double::isFinite).sorted().toArray();
        int most = 0;
        for (int i = 0, j = 0; i < back.length; i++) {
            while (back[i] - back[j] >= 1.0) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
