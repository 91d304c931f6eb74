package io.ductwatch.gateway.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.FallbackConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.AuditEntry;
import io.ductwatch.gateway.core.RuleEngine;
import io.ductwatch.gateway.core.VirtualScheduler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What recipients may answer by SMS, and what happens to everyone else's SMS. */
class SmsCommandsTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/sites/example-duct.yaml").normalize();
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private final VirtualScheduler scheduler = new VirtualScheduler(T0);
    private final List<String> sent = new ArrayList<>();
    private final List<AuditEntry> audits = new ArrayList<>();
    private final List<SmsRecord> journal = new ArrayList<>();
    private RuleEngine engine;
    private SmsCommands commands;
    private FallbackConfig fallback;

    @BeforeEach
    void engine() throws Exception {
        SiteConfig site = SiteLoader.load(EXAMPLE);
        fallback = site.fallback().orElseThrow();
        engine = new RuleEngine(site, T0, () -> "b00t-1", List.of());
        engine.setCondition("store", AlarmType.TROUBLE, true, "store was corrupt", T0);
        SmsTexts texts = new SmsTexts("example-duct/gw01");
        SmsFallback outgoing = new SmsFallback(fallback.recipients(), (number, text, outcome) -> sent.add(number + ": " + text),
                texts, scheduler, journal::add);
        commands = new SmsCommands(fallback, engine, outgoing, texts, () -> "1 active: TROUBLE store", audits::add,
                journal::add);
    }

    @Test
    void an_sms_from_a_number_that_is_not_a_recipient_is_refused_audited_and_not_answered() {
        commands.accept(new IncomingSms("+15550000000", "ACK b00t-1", T0));

        assertThat(engine.activeAlarms()).noneMatch(ActiveAlarm::acknowledged);
        assertThat(audits).singleElement().satisfies(a -> {
            assertThat(a.accepted()).isFalse();
            assertThat(a.operator()).isEqualTo("sms:+15550000000");
            assertThat(a.command()).isEqualTo("ack");
            assertThat(a.outcome()).isEqualTo("sender +15550000000 is not a recipient in the site file");
        });
        assertThat(journal).singleElement().satisfies(r -> {
            assertThat(r.direction()).isEqualTo("in");
            assertThat(r.outcome()).isEqualTo("refused");
        });
        assertThat(sent).isEmpty();
    }

    @Test
    void a_recipient_acknowledges_an_alarm_by_its_id_and_is_told_so() {
        commands.accept(new IncomingSms("+821055500102", " ack b00t-1 ", T0));

        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> assertThat(a.acknowledged()).isTrue());
        assertThat(journal).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("duty-engineer");
            assertThat(r.outcome()).isEqualTo("accepted");
            assertThat(r.alarmId()).isEqualTo("b00t-1");
        });
        assertThat(sent).singleElement().asString()
                .isEqualTo("+821055500102: ductwatch example-duct/gw01 2026-12-02 08:00:00Z ACK b00t-1: 1 alarm(s) acknowledged");
    }

    @Test
    void status_is_answered_by_sms_and_audited() {
        commands.accept(new IncomingSms("+821055500101", "STATUS", T0));

        assertThat(sent).singleElement().asString()
                .isEqualTo("+821055500101: ductwatch example-duct/gw01 2026-12-02 08:00:00Z: 1 active: TROUBLE store");
        assertThat(audits).singleElement().satisfies(a -> {
            assertThat(a.operator()).isEqualTo("sms:control-room");
            assertThat(a.command()).isEqualTo("status");
            assertThat(a.accepted()).isTrue();
        });
    }

    @Test
    void anything_else_from_a_recipient_is_refused_with_what_it_may_send() {
        commands.accept(new IncomingSms("+821055500101", "RESET Z2", T0));

        assertThat(audits).singleElement().satisfies(a -> assertThat(a.accepted()).isFalse());
        assertThat(sent).singleElement().asString()
                .endsWith("RESET Z2: unknown command; answer ACK <alarmId> or STATUS");
    }
}
