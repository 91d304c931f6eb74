package io.ductwatch.bench.harness;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.app.ExecutorScheduler;
import io.ductwatch.gateway.app.Gateway;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.gateway.uplink.NameResolver;
import io.ductwatch.simulator.device.RelayCoil;
import io.ductwatch.simulator.pi4j.SimulatedHardware;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The real gateway, in real time, on the simulated chips of a bench site, publishing to the bench broker:
 * the same code as on a Pi, with only the sensors replaced.
 */
final class GatewayUnderTest implements AutoCloseable {

    /** When the rule engine decided each FIRE (nanoTime), for the latency's split into decide and deliver. */
    final BlockingQueue<Long> fireDecided = new LinkedBlockingQueue<>();
    final SimulatedHardware duct;
    final Gateway gateway;
    /** The coil of the relay a FIRE switches on (the bench site's fire-panel output). */
    final RelayCoil panel;
    private final ExecutorScheduler scheduler;

    GatewayUnderTest(SiteConfig site, String broker) {
        this(site, broker, host -> List.of(InetAddress.getLoopbackAddress()));
    }

    /** With the uplink resolving broker names through {@code resolver} (the fault harness makes it fail). */
    GatewayUnderTest(SiteConfig site, String broker, NameResolver resolver) {
        scheduler = new ExecutorScheduler(Clock.systemUTC(), 4);
        duct = SimulatedHardware.of(site, scheduler::now);
        gateway = Gateway.start(site, new Gateway.Environment(duct.context(), duct.w1(), scheduler, System::nanoTime,
                System::currentTimeMillis, resolver, () -> true, "simulated clock",
                Optional.of(List.of(URI.create(broker))), Optional.empty(), List.of(new AlarmListener() {
                    @Override
                    public void onEvent(AlarmEvent event) {
                        if (event.type() == AlarmType.FIRE && event.event() == AlarmEventKind.RAISED) {
                            fireDecided.offer(System.nanoTime());
                        }
                    }
                }), seq -> { }, modem -> duct.modem(modem, scheduler)));
        panel = duct.coil(site.outputs().get(0));
    }

    void awaitConnected(long timeoutMs) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMs;
        while (gateway.uplink().state() != MqttUplink.State.CONNECTED) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("the gateway did not connect to the bench broker");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        gateway.close();
        duct.close();
        scheduler.close();
    }
}
