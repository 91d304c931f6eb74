package io.ductwatch.gateway.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.FallbackConfig;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmKey;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The fallback rule (DESIGN 3): what goes by SMS, when, and how often at most. */
class SmsFallbackTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private static final FallbackConfig.Recipient ROOM = new FallbackConfig.Recipient("control-room", "+821055500101");
    private static final FallbackConfig.Recipient DUTY = new FallbackConfig.Recipient("duty-engineer", "+821055500102");

    /** A texted SMS, as the modem was asked to send it. */
    private record Sent(Instant at, String number, String text) {
    }

    private final VirtualScheduler scheduler = new VirtualScheduler(T0);
    private final List<Sent> sent = new ArrayList<>();
    private final List<SmsRecord> journal = new ArrayList<>();
    private final SmsFallback fallback = new SmsFallback(List.of(ROOM, DUTY), this::send,
            new SmsTexts("example-duct/gw01"), scheduler, journal::add);
    private int ids;

    private void send(String number, String text, Consumer<SmsGateway.SmsOutcome> outcome) {
        sent.add(new Sent(scheduler.now(), number, text));
        outcome.accept(new SmsGateway.SmsOutcome(true, "+CMGS: " + sent.size(), 1, true));
    }

    private AlarmEvent raised(AlarmType type, String zone, boolean test) {
        return new AlarmEvent("b00t-" + (++ids), type, AlarmEventKind.RAISED, zone, 143.2, List.of("s2"), 12.0, "%/m",
                "12.0 %/m at s2", test, scheduler.now());
    }

    /** The event as the dispatcher hands it: to the policy, then to the store, which stages it as {@code seq}. */
    private AlarmEvent decide(AlarmEvent event, long seq, AlarmKey key) {
        fallback.onEvent(event);
        fallback.onActiveChanged(List.of(new ActiveAlarm(event.alarmId(), key, event.type(), event.zone(),
                event.positionM(), event.sensors(), event.value(), event.unit(), event.reason(), event.test(), true,
                false, false, event.at(), null, null, event.at())));
        fallback.staged(event, seq);
        return event;
    }

    @Test
    void a_fire_goes_to_every_recipient_at_once() {
        decide(raised(AlarmType.FIRE, "Z2", false), 1, new AlarmKey(AlarmType.FIRE, "zone", "Z2"));

        assertThat(sent).extracting(Sent::number).containsExactly(ROOM.number(), DUTY.number());
        assertThat(sent).allSatisfy(s -> {
            assertThat(s.at()).isEqualTo(T0);
            assertThat(s.text()).startsWith("ductwatch example-duct/gw01 FIRE RAISED Z2 @143.2m 2026-12-02 08:00:00Z")
                    .endsWith(". ACK b00t-1");
        });
        assertThat(journal).extracting(SmsRecord::outcome).containsExactly("sent", "sent");
        assertThat(journal).extracting(SmsRecord::alarmId).containsOnly("b00t-1");
    }

    @Test
    void a_fire_in_a_zone_in_test_and_the_later_steps_of_a_fire_go_by_mqtt_only() {
        decide(raised(AlarmType.FIRE, "Z2", true), 1, new AlarmKey(AlarmType.FIRE, "zone", "Z2"));
        fallback.onEvent(new AlarmEvent("b00t-9", AlarmType.FIRE, AlarmEventKind.UPDATED, "Z2", 140.0, List.of(),
                Double.NaN, "", "moved", false, T0));

        assertThat(sent).isEmpty();
    }

    @Test
    void water_goes_by_sms_only_when_the_broker_has_not_acknowledged_it_in_30_s() {
        decide(raised(AlarmType.WATER, "Z1", false), 7, new AlarmKey(AlarmType.WATER, "sensor", "w0"));
        decide(raised(AlarmType.WATER, "Z2", false), 8, new AlarmKey(AlarmType.WATER, "sensor", "w1"));
        fallback.acknowledged(7);
        scheduler.advance(SmsFallback.UNACKNOWLEDGED.minusSeconds(1));
        assertThat(sent).isEmpty();

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(sent).hasSize(2).allSatisfy(s -> assertThat(s.text()).contains("WATER RAISED Z2"));
        assertThat(fallback.awaiting()).isZero();
    }

    @Test
    void only_the_gateways_critical_troubles_go_by_sms() {
        decide(raised(AlarmType.TROUBLE, "", false), 1, new AlarmKey(AlarmType.TROUBLE, "system", "uplink"));
        decide(raised(AlarmType.TROUBLE, "", false), 2, new AlarmKey(AlarmType.TROUBLE, "system", "store-write"));
        decide(raised(AlarmType.TROUBLE, "Z2", false), 3, new AlarmKey(AlarmType.TROUBLE, "sensor", "t07"));
        decide(raised(AlarmType.TROUBLE, "", false), 4, new AlarmKey(AlarmType.TROUBLE, "system", "clock"));
        scheduler.advance(SmsFallback.UNACKNOWLEDGED);

        assertThat(sent).extracting(Sent::text).hasSize(4).allSatisfy(t -> assertThat(t).containsPattern("ACK b00t-[12]$"));
    }

    @Test
    void a_recipient_gets_ten_sms_an_hour_then_one_digest_for_the_rest() {
        for (int i = 0; i < 25; i++) {
            decide(raised(AlarmType.FIRE, "Z" + (1 + i % 2), false), i + 1, new AlarmKey(AlarmType.FIRE, "zone", "Z1"));
            scheduler.advance(Duration.ofMinutes(1));
        }
        assertThat(sent).filteredOn(s -> s.number().equals(ROOM.number())).hasSize(10);

        scheduler.advance(Duration.ofMinutes(40)); // the first SMS of the hour leaves the window at T0 + 60 min
        List<Sent> room = sent.stream().filter(s -> s.number().equals(ROOM.number())).toList();
        assertThat(room).hasSize(11);
        assertThat(room.get(10).at()).isEqualTo(T0.plus(SmsBudgetTest.HOUR));
        assertThat(room.get(10).text()).startsWith("ductwatch example-duct/gw01 2026-12-02 09:00:00Z: 15 more SMS held"
                + " by the hourly limit (FIRE 15); latest: ductwatch example-duct/gw01 FIRE RAISED Z1");
        for (int i = 0; i < room.size(); i++) {
            Instant from = room.get(i).at();
            assertThat(room.stream().filter(s -> !s.at().isBefore(from) && s.at().isBefore(from.plus(SmsBudgetTest.HOUR))))
                    .as("SMS in the hour from %s", from).hasSizeLessThanOrEqualTo(SmsBudget.PER_HOUR);
        }
    }
}
