package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.FallbackConfig;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.gateway.core.fallback.SmsFallback;
import io.ductwatch.gateway.core.fallback.SmsTexts;
import io.ductwatch.gateway.payload.Payloads;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fallback path learns each alarm's seq before the store offers the message: a replay running on the uplink's
 * thread may publish a staged alarm, and its PUBACK come back, before {@code stage} returns to the dispatcher.
 */
class DeliveryReceiptsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void a_puback_that_comes_back_before_stage_returns_still_acknowledges_the_alarm() {
        VirtualScheduler scheduler = new VirtualScheduler(T0);
        List<String> sms = new ArrayList<>();
        SmsFallback fallback = new SmsFallback(List.of(new FallbackConfig.Recipient("room", "+821055500101")),
                (number, text, outcome) -> sms.add(text), new SmsTexts("site/gw"), scheduler, r -> { });
        MemoryOutbox racing = new MemoryOutbox();
        racing.afterStage(fallback::acknowledged); // the replay published it and the broker answered
        Topics topics = Topics.of("site", "gw");
        Payloads payloads = new Payloads("b00t");
        MqttUplink uplink = new MqttUplink(new UplinkSettings(List.of(URI.create("tcp://127.0.0.1:1")), "gw",
                Duration.ofSeconds(10), 32, 1000, Duration.ofSeconds(10), Optional.empty(), Optional.empty(),
                new char[0]), topics, racing, host -> List.of(InetAddress.getLoopbackAddress()),
                () -> payloads.offline(T0, "test"), payloads.offline(T0, "test"), () -> 0L, (t, p, r) -> { });
        Delivery delivery = new Delivery(racing, payloads, topics, uplink, () -> true, scheduler::now, fallback::staged);
        AlarmEvent water = new AlarmEvent("b00t-1", AlarmType.WATER, AlarmEventKind.RAISED, "Z1", 60.0, List.of("w0"),
                Double.NaN, "", "float switch w0 closed", false, T0);

        fallback.onEvent(water);
        delivery.onEvent(water);
        scheduler.advance(SmsFallback.UNACKNOWLEDGED.plusSeconds(1));

        assertThat(sms).as("the broker had it: no SMS").isEmpty();
        assertThat(fallback.awaiting()).isZero();
    }
}
