package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.AuditEntry;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.core.RuleEngine;
import io.ductwatch.gateway.payload.Payloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Operator commands over MQTT on the example site (operators: control-room may send everything,
 * technician ack, silence and status). Malformed and unauthorized commands change nothing and are
 * answered with the reason.
 */
class CommandHandlerTest {

    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");
    private static final Topics TOPICS = Topics.of("example-duct", "gw01");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AlarmEvent> events = new ArrayList<>();
    private final List<AuditEntry> audits = new ArrayList<>();
    private MemoryOutbox outbox;
    private RuleEngine engine;
    private CommandHandler handler;
    private String fireId;
    private final java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(T);
    private int requests;

    @BeforeEach
    void fireInZ1() throws Exception {
        SiteConfig site = SiteLoader.load(Path.of(System.getProperty("basedir", "."))
                .resolve("../firmware-config/sites/example-duct.yaml").normalize());
        engine = new RuleEngine(site, T, () -> "a" + events.size(), List.of(new AlarmListener() {
            @Override
            public void onEvent(AlarmEvent event) {
                events.add(event);
            }

            @Override
            public void onAudit(AuditEntry entry) {
                audits.add(entry);
            }
        }));
        engine.onReading(Reading.ok("mcp0", Quantity.CONTACT, 1, T));
        fireId = engine.activeAlarms().get(0).alarmId();
        outbox = new MemoryOutbox();
        handler = new CommandHandler(TOPICS, site.uplink().operators(), engine, outbox, new Payloads("boot"),
                now::get, () -> true, () -> { }, audits::add);
        events.clear();
        audits.clear();
    }

    /** Sends a command as an operator's tool would: a new request id, issued now, not retained. */
    private JsonNode send(String command, String payload) throws Exception {
        String fresh = payload.startsWith("{\"") ? "{\"requestId\":\"r" + ++requests + "\",\"issuedAt\":\"" + now.get()
                + "\"," + payload.substring(1) : payload;
        return sendAsIs(TOPICS.command(command), fresh, false);
    }

    private JsonNode sendAsIs(String topic, String payload, boolean retained) throws Exception {
        handler.handle(topic, payload.getBytes(StandardCharsets.UTF_8), retained);
        JsonNode result = JSON.readTree(outbox.all().get(outbox.all().size() - 1).payload());
        assertThat(outbox.all().get(outbox.all().size() - 1).topic()).isEqualTo(TOPICS.commandResult());
        assertThat(PayloadSchemas.check(TOPICS.commandResult(), result)).isEmpty();
        return result;
    }

    @ParameterizedTest(name = "cmd/{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "ack      | ''                                                               | empty payload",
            "ack      | not json                                                         | not JSON",
            "ack      | [1,2]                                                            | a command is a JSON object",
            "ack      | \"control-room\"                                                  | a command is a JSON object",
            "ack      | {}                                                               | missing field 'requestId'",
            "ack      | {\"operator\":42,\"alarmId\":\"*\"}                              | field 'operator' must be a non-empty text",
            "ack      | {\"operator\":\"\",\"alarmId\":\"*\"}                            | field 'operator' must be a non-empty text",
            "ack      | {\"operator\":\"intruder\",\"alarmId\":\"*\"}                    | not in the site file's operator list",
            "reset    | {\"operator\":\"technician\"}                                    | may not send reset",
            "disable  | {\"operator\":\"technician\",\"target\":\"t07\",\"durationS\":60} | may not send disable",
            "ack      | {\"operator\":\"control-room\"}                                  | missing field 'alarmId'",
            "ack      | {\"operator\":\"control-room\",\"alarmId\":\"nope\"}             | no active alarm nope",
            "ack      | {\"operator\":\"control-room\",\"alarmId\":\"*\",\"force\":true} | unknown field 'force' for ack",
            "reboot   | {\"operator\":\"control-room\"}                                  | unknown command 'reboot'",
            "reset    | {\"operator\":\"control-room\",\"zone\":\"Z9\"}                  | no zone Z9",
            "reset    | {\"operator\":\"control-room\",\"zone\":7}                       | field 'zone' must be a non-empty text",
            "disable  | {\"operator\":\"control-room\",\"target\":\"t07\"}               | exactly one of 'until' (ISO-8601) and 'durationS'",
            "disable  | {\"operator\":\"control-room\",\"target\":\"t07\",\"durationS\":0} | from 1 to 604800",
            "disable  | {\"operator\":\"control-room\",\"target\":\"t07\",\"durationS\":9e9} | from 1 to 604800",
            "disable  | {\"operator\":\"control-room\",\"target\":\"t07\",\"durationS\":1.5} | from 1 to 604800",
            "disable  | {\"operator\":\"control-room\",\"target\":\"t07\",\"until\":\"tomorrow\"} | not an ISO-8601 instant",
            "disable  | {\"operator\":\"control-room\",\"target\":\"t07\",\"until\":\"2026-11-27T07:00:00Z\"} | not in the future",
            "disable  | {\"operator\":\"control-room\",\"target\":\"t99\",\"durationS\":60} | no sensor or zone t99",
            "disable  | {\"operator\":\"control-room\",\"target\":\"t07\",\"durationS\":60,\"until\":\"2026-11-28T00:00:00Z\"} | exactly one of",
            "enable   | {\"operator\":\"control-room\",\"target\":\"t07\"}               | neither disabled nor in test",
            "test     | {\"operator\":\"control-room\",\"zone\":\"t07\",\"durationS\":60} | test takes a zone",
            "test     | {\"operator\":\"control-room\",\"zone\":\"Z1\",\"durationS\":\"60\"} | from 1 to 604800"})
    void a_bad_command_changes_nothing_and_is_answered_with_the_reason(String command, String payload, String reason)
            throws Exception {
        List<ActiveAlarm> before = engine.activeAlarms();

        JsonNode result = send(command, payload);

        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("message").asText()).contains(reason);
        assertThat(result.get("command").asText()).isEqualTo(command);
        assertThat(engine.activeAlarms()).isEqualTo(before);
        assertThat(events).isEmpty();
        assertThat(audits).singleElement().satisfies(a -> assertThat(a.accepted()).isFalse());
    }

    @Test
    void an_oversized_command_is_refused() throws Exception {
        String big = "{\"operator\":\"control-room\",\"alarmId\":\"" + "x".repeat(5000) + "\"}";
        assertThat(send("ack", big).get("message").asText()).contains("at most 4096");
    }

    @Test
    void good_commands_are_carried_out_audited_and_answered_with_the_request_id() throws Exception {
        JsonNode ack = send("ack", "{\"operator\":\"technician\",\"alarmId\":\"" + fireId + "\"}");
        assertThat(ack.get("ok").asBoolean()).isTrue();
        assertThat(ack.get("requestId").asText()).isEqualTo("r1");

        assertThat(send("silence", "{\"operator\":\"technician\"}").get("ok").asBoolean()).isTrue();
        assertThat(send("status", "{\"operator\":\"technician\"}").get("message").asText()).contains("1 active alarm");
        JsonNode disable = send("disable", "{\"operator\":\"control-room\",\"target\":\"t07\",\"durationS\":3600}");
        assertThat(disable.get("message").asText()).contains("t07 disabled until 2026-11-27T09:00:00Z");
        assertThat(send("enable", "{\"operator\":\"control-room\",\"target\":\"t07\"}").get("ok").asBoolean()).isTrue();
        JsonNode test = send("test", "{\"operator\":\"control-room\",\"zone\":\"Z2\",\"until\":\"2026-11-27T10:00:00.000Z\"}");
        assertThat(test.get("ok").asBoolean()).isTrue();
        engine.onReading(Reading.ok("mcp0", Quantity.CONTACT, 0, T));
        assertThat(send("reset", "{\"operator\":\"control-room\",\"zone\":\"Z1\"}").get("message").asText())
                .contains("1 alarm(s) reset");

        assertThat(audits).extracting(AuditEntry::command)
                .containsExactly("ack", "silence", "status", "disable", "enable", "test", "reset");
        assertThat(audits).allSatisfy(a -> assertThat(a.accepted()).isTrue());
    }

    private String ackAll(String requestId, Instant issuedAt) {
        return "{\"operator\":\"control-room\",\"alarmId\":\"*\",\"requestId\":\"" + requestId
                + "\",\"issuedAt\":\"" + issuedAt + "\"}";
    }

    private void assertRefusedWithoutChange(JsonNode result, String reason, List<ActiveAlarm> before) {
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("message").asText()).contains(reason);
        assertThat(engine.activeAlarms()).isEqualTo(before);
        assertThat(events).isEmpty();
        assertThat(audits).last().satisfies(a -> assertThat(a.accepted()).isFalse());
    }

    @ParameterizedTest(name = "issuedAt {0} s from the gateway's clock -> {1}")
    @CsvSource({"-61, s before the gateway's clock", "61, ahead of the gateway's clock"})
    void a_stale_or_future_command_is_refused(long offsetS, String reason) throws Exception {
        List<ActiveAlarm> before = engine.activeAlarms();
        JsonNode result = sendAsIs(TOPICS.command("ack"), ackAll("late", T.plusSeconds(offsetS)), false);
        assertRefusedWithoutChange(result, reason, before);
        assertThat(result.get("requestId").asText()).isEqualTo("late");
    }

    @Test
    void a_command_within_a_minute_either_way_is_fresh() throws Exception {
        assertThat(sendAsIs(TOPICS.command("ack"), ackAll("early", T.minusSeconds(60)), false).get("ok").asBoolean())
                .isTrue();
        assertThat(sendAsIs(TOPICS.command("status"), "{\"operator\":\"technician\",\"requestId\":\"ahead\","
                + "\"issuedAt\":\"" + T.plusSeconds(60) + "\"}", false).get("ok").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "issuedAt {0}")
    @CsvSource(delimiter = '|', value = {
            "'' | missing field 'issuedAt'",
            ",\"issuedAt\":\"yesterday\" | 'issuedAt' is not an ISO-8601 UTC instant",
            ",\"issuedAt\":1764230400 | field 'issuedAt' must be a non-empty text"})
    void a_command_without_a_readable_issued_at_is_refused(String field, String reason) throws Exception {
        List<ActiveAlarm> before = engine.activeAlarms();
        JsonNode result = sendAsIs(TOPICS.command("ack"),
                "{\"operator\":\"control-room\",\"alarmId\":\"*\",\"requestId\":\"x\"" + field + "}", false);
        assertRefusedWithoutChange(result, reason, before);
    }

    @Test
    void a_retained_command_is_refused() throws Exception {
        List<ActiveAlarm> before = engine.activeAlarms();
        JsonNode result = sendAsIs(TOPICS.command("ack"), ackAll("kept", T), true);
        assertRefusedWithoutChange(result, "retained command is refused", before);
    }

    @Test
    void a_replayed_request_id_is_refused_for_ten_minutes() throws Exception {
        assertThat(sendAsIs(TOPICS.command("ack"), ackAll("once", T), false).get("ok").asBoolean()).isTrue();
        events.clear();
        List<ActiveAlarm> before = engine.activeAlarms();

        now.set(T.plusSeconds(30));
        assertRefusedWithoutChange(sendAsIs(TOPICS.command("ack"), ackAll("once", T.plusSeconds(30)), false),
                "requestId 'once' was already used", before);

        now.set(T.plusSeconds(601));
        assertThat(sendAsIs(TOPICS.command("ack"), ackAll("once", now.get()), false).get("ok").asBoolean()).isTrue();
    }

    @Test
    void a_duplicate_key_is_refused_and_audited_under_no_operator() throws Exception {
        List<ActiveAlarm> before = engine.activeAlarms();
        JsonNode result = sendAsIs(TOPICS.command("ack"), "{\"operator\":\"technician\",\"operator\":\"control-room\","
                + "\"alarmId\":\"*\",\"requestId\":\"d\",\"issuedAt\":\"" + T + "\"}", false);
        assertRefusedWithoutChange(result, "Duplicate field 'operator'", before);
        assertThat(audits).last().satisfies(a -> assertThat(a.operator()).isEqualTo("?"));
    }

    @ParameterizedTest(name = "requestId {0}")
    @CsvSource(delimiter = '|', value = {"42 | field 'requestId' must be a non-empty text",
            "{\"a\":1} | field 'requestId' must be a non-empty text", "null | missing field 'requestId'"})
    void a_request_id_that_is_no_text_is_refused(String id, String reason) throws Exception {
        List<ActiveAlarm> before = engine.activeAlarms();
        JsonNode result = sendAsIs(TOPICS.command("ack"), "{\"operator\":\"control-room\",\"alarmId\":\"*\","
                + "\"requestId\":" + id + ",\"issuedAt\":\"" + T + "\"}", false);
        assertRefusedWithoutChange(result, reason, before);
    }

    @Test
    void a_command_on_a_deeper_topic_is_refused() throws Exception {
        List<ActiveAlarm> before = engine.activeAlarms();
        JsonNode result = sendAsIs(TOPICS.command("ack") + "/x", ackAll("deep", T), false);
        assertRefusedWithoutChange(result, "not on a deeper topic ('ack/x')", before);
    }

    @Test
    void a_reset_leaves_a_fire_whose_condition_persists_with_its_acknowledgement() throws Exception {
        assertThat(send("ack", "{\"operator\":\"control-room\",\"alarmId\":\"" + fireId + "\"}").get("ok").asBoolean())
                .isTrue();
        events.clear();
        List<ActiveAlarm> before = engine.activeAlarms();

        assertRefusedWithoutChange(send("reset", "{\"operator\":\"control-room\"}"), "still active: FIRE " + fireId,
                before);
        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> assertThat(a.acknowledged()).isTrue());

        engine.onReading(Reading.ok("mcp0", Quantity.CONTACT, 0, T.plusSeconds(5)));
        assertThat(send("reset", "{\"operator\":\"control-room\"}").get("message").asText()).isEqualTo("1 alarm(s) reset");
        assertThat(engine.activeAlarms()).isEmpty();
    }
}
