package io.ductwatch.gateway.uplink;

import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.Payloads;
import io.ductwatch.gateway.store.SqliteOutbox;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway's store and uplink in a process of their own, for {@link KillNineIT} to kill: it announces
 * the seqs its predecessor lost, then raises an alarm every 20 ms and a reading every 5 ms, flushing
 * readings every 200 ms, and prints {@code ALARM seq} once each alarm is committed. Arguments: the store
 * file and the broker URL. Runs until killed.
 */
public final class StoreChild {

    private StoreChild() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        Topics topics = Topics.of("kill", "gw");
        SqliteOutbox outbox = SqliteOutbox.open(file, Instant.now());
        Payloads payloads = new Payloads(outbox.bootId());
        MqttUplink uplink = new MqttUplink(new UplinkSettings(List.of(URI.create(args[1])), "kill-gw",
                Duration.ofSeconds(10), 32, 100_000, Duration.ofSeconds(10), Optional.empty(), Optional.empty(),
                new char[0]), topics, outbox, host -> List.of(InetAddress.getLoopbackAddress()),
                () -> payloads.offline(Instant.now(), "test"), payloads.offline(Instant.now(), "test"),
                System::currentTimeMillis, (t, p, r) -> { });
        Delivery delivery = new Delivery(outbox, payloads, topics, uplink, () -> true, Instant::now, (event, seq) -> { });
        delivery.announceLost(outbox.lostSeqs(), "killed");
        uplink.start();
        for (long n = 0; ; n++) {
            Instant now = Instant.now();
            delivery.readings(List.of(Reading.ok("t00", Quantity.TEMPERATURE, n, now)));
            if (n % 4 == 0) {
                AlarmEvent event = new AlarmEvent("k-" + n, AlarmType.TROUBLE, AlarmEventKind.RAISED, "", Double.NaN,
                        List.of(), Double.NaN, "", "alarm " + n, false, now);
                long seq = outbox.append(Lane.ALARM, topics.alarm(), now, s -> payloads.alarm(s, event, true));
                System.out.println("ALARM " + seq);
                System.out.flush();
            }
            if (n % 40 == 0) {
                delivery.flush();
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
