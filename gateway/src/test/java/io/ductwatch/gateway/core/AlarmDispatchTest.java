package io.ductwatch.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The engine decides under its lock and hands what it decided to its listeners after releasing it, in
 * order, the first listener (the local outputs) first; a slow listener never holds up a decision.
 */
class AlarmDispatchTest {

    private static final Instant T0 = EngineFixture.T0;

    /** Records each call with the listener's name and whether the engine was locked during it. */
    private static final class Recorder implements AlarmListener {
        final String name;
        final List<String> calls;
        final AtomicReference<RuleEngine> engine;

        Recorder(String name, List<String> calls, AtomicReference<RuleEngine> engine) {
            this.name = name;
            this.calls = calls;
            this.engine = engine;
        }

        @Override
        public void onEvent(AlarmEvent event) {
            calls.add(name + " " + event.type() + " " + event.event()
                    + (Thread.holdsLock(engine.get()) ? " UNDER LOCK" : ""));
        }

        @Override
        public void onActiveChanged(List<ActiveAlarm> active) {
            calls.add(name + " active " + active.size() + (Thread.holdsLock(engine.get()) ? " UNDER LOCK" : ""));
        }
    }

    @Test
    void listeners_run_outside_the_lock_in_list_order_outputs_first_for_the_whole_decision() {
        List<String> calls = new CopyOnWriteArrayList<>();
        AtomicReference<RuleEngine> engine = new AtomicReference<>();
        engine.set(new RuleEngine(EngineFixture.load(), T0, () -> "a1",
                List.of(new Recorder("outputs", calls, engine), new Recorder("uplink", calls, engine))));

        engine.get().onReading(Reading.ok("mcp0", Quantity.CONTACT, 1, T0));

        assertThat(calls).as("the outputs hear the whole decision, and switch, before anyone else hears it")
                .containsExactly("outputs FIRE RAISED", "outputs active 1", "uplink FIRE RAISED", "uplink active 1");
    }

    @Test
    void a_decision_on_another_thread_does_not_wait_for_a_slow_listener_and_order_is_kept() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch slowEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<RuleEngine> engine = new AtomicReference<>();
        AlarmListener slow = new AlarmListener() {
            @Override
            public void onEvent(AlarmEvent event) {
                calls.add("slow " + event.type() + " " + event.event());
                if (event.type() == AlarmType.TROUBLE) {
                    slowEntered.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        engine.set(new RuleEngine(EngineFixture.load(), T0, () -> "a" + calls.size(), List.of(slow)));
        Thread sampling = new Thread(() -> engine.get().onReading(Reading.ok("mains", Quantity.CONTACT, 1, T0)));
        sampling.start();
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();

        // The sampling thread is inside a listener: the call point is still decided at once.
        engine.get().onReading(Reading.ok("mcp0", Quantity.CONTACT, 1, T0));
        assertThat(engine.get().activeAlarms()).extracting(ActiveAlarm::type).contains(AlarmType.FIRE);
        assertThat(calls).containsExactly("slow TROUBLE RAISED");

        release.countDown();
        sampling.join(10_000);
        assertThat(calls).containsExactly("slow TROUBLE RAISED", "slow FIRE RAISED");
    }
}
