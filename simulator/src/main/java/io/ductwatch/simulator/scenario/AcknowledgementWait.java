package io.ductwatch.simulator.scenario;

import io.ductwatch.gateway.app.Gateway;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.simulator.net.FaultProxy;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets the broker acknowledge the alarms the fallback path waits on before simulated time moves on, while the
 * path to the broker is up: on a working link a PUBACK takes milliseconds, far less than a simulated second, and
 * a gateway whose link is up reconnects; at max speed, though, simulated seconds pass faster than its
 * (real-time) reconnect. So whether an alarm goes by SMS depends on the scenario, not on how fast the machine
 * runs it: an alarm goes by SMS exactly when the scenario has the path to the broker cut. Called by the run's
 * loop, on its thread.
 */
final class AcknowledgementWait {

    /**
     * The longest the run waits, in real time, from the first awaited alarm until none is: longer than the
     * uplink's reconnect backoff with an alarm waiting (5 s), so only a PUBACK that never comes runs it out.
     */
    static final Duration AT_MOST = Duration.ofSeconds(30);

    private final FaultProxy proxy;
    /** When the wait for the alarms awaited now began (System.nanoTime), 0 when none is awaited. */
    private long since;

    AcknowledgementWait(FaultProxy proxy) {
        this.proxy = proxy;
    }

    /** Waits, before the next simulated second, while the gateway awaits acknowledgements the broker can give. */
    void settle(Gateway gateway) {
        if (gateway == null || gateway.fallbackAwaiting() == 0) {
            since = 0;
            return;
        }
        if (since == 0) {
            since = System.nanoTime();
        }
        while (gateway.fallbackAwaiting() > 0 && proxy.mode() == FaultProxy.Mode.PASS
                && gateway.uplink().state() != MqttUplink.State.CLOSED && System.nanoTime() - since < AT_MOST.toNanos()) {
            LockSupport.parkNanos(1_000_000);
        }
    }
}
