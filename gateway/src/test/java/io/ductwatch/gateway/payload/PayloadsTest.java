package io.ductwatch.gateway.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmKey;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Extent;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.uplink.PayloadSchemas;
import io.ductwatch.gateway.uplink.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every payload the gateway writes, checked against the schema documented in docs/schema. */
class PayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-11-27T08:19:00Z");
    private static final Topics TOPICS = Topics.of("example-duct", "gw01");

    private final Payloads payloads = new Payloads("7f3a9c01");

    private static JsonNode parse(byte[] bytes) throws Exception {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n");
        return JSON.readTree(text);
    }

    @Test
    void an_alarm_event_has_every_field_of_the_contract() throws Exception {
        AlarmEvent event = new AlarmEvent("7f3a9c01-12", AlarmType.FIRE, AlarmEventKind.RAISED, "Z2", 143.04,
                List.of("t14", "s2"), Double.NaN, "", "rate of rise 14.2 K/min at t14; 11.0 %/m at s2", false, T);

        JsonNode json = parse(payloads.alarm(42, event, true));

        assertThat(PayloadSchemas.check(TOPICS.alarm(), json)).isEmpty();
        assertThat(json.get("seq").asLong()).isEqualTo(42);
        assertThat(json.get("ts").asText()).isEqualTo("2026-11-27T08:19:00.000Z");
        assertThat(json.get("positionM").decimalValue()).isEqualByComparingTo("143.0");
        assertThat(json.get("value").isNull()).isTrue();
        assertThat(json.get("bootId").asText()).isEqualTo("7f3a9c01");
    }

    @Test
    void round_values_are_written_plainly_and_positions_always_with_one_decimal() throws Exception {
        AlarmEvent event = new AlarmEvent("a", AlarmType.HEAT, AlarmEventKind.RAISED, "Z2", 140.0, List.of("t14"),
                100.0, "°C", "hot", false, T);
        String text = new String(payloads.alarm(1, event, true), StandardCharsets.UTF_8);
        assertThat(text).contains("\"positionM\":140.0,").contains("\"value\":100,").doesNotContain("E+");
    }

    @Test
    void a_system_trouble_has_no_zone_and_no_place() throws Exception {
        AlarmEvent event = new AlarmEvent("x-1", AlarmType.TROUBLE, AlarmEventKind.CLEARED, "", Double.NaN, List.of(),
                Double.NaN, "", "store 93 % full", false, T);
        JsonNode json = parse(payloads.alarm(7, event, false));

        assertThat(PayloadSchemas.check(TOPICS.alarm(), json)).isEmpty();
        assertThat(json.get("zone").isNull()).isTrue();
        assertThat(json.get("timeSynced").asBoolean()).isFalse();
    }

    @Test
    void readings_gap_status_and_active_match_their_schemas() throws Exception {
        List<Reading> cycle = List.of(Reading.ok("t07", Quantity.TEMPERATURE, 21.0625, T),
                Reading.fault("s1", Quantity.OBSCURATION, Quality.OUT_OF_RANGE, T, "loop open (0.00 mA)"),
                Reading.ok("door", Quantity.CONTACT, 1, T));
        assertThat(PayloadSchemas.check(TOPICS.reading(), parse(payloads.readings(3, T, cycle, true)))).isEmpty();
        assertThat(PayloadSchemas.check(TOPICS.gap(),
                parse(payloads.gap(9, T, List.of(new long[] {4, 1000}), "power cut", true)))).isEmpty();
        GatewayStatus status = new GatewayStatus(true, T, T, "0.1.0", "connected", 12, T, 34, 1, 41, true);
        assertThat(PayloadSchemas.check(TOPICS.status(), parse(payloads.status(status)))).isEmpty();
        assertThat(PayloadSchemas.check(TOPICS.status(), parse(payloads.offline(T, "0.1.0")))).isEmpty();
        ActiveAlarm fire = new ActiveAlarm("a-1", new AlarmKey(AlarmType.FIRE, "zone", "Z2"), AlarmType.FIRE, "Z2", 143.0, List.of("t14"), Double.NaN,
                "", "two criteria", false, false, true, false, T, new Extent(130.0, 160.0, Extent.Spread.DOWNSTREAM),
                new Extent(130.0, 150.0, Extent.Spread.NONE), T);
        assertThat(PayloadSchemas.check(TOPICS.alarmsActive(), parse(payloads.active(T, List.of(fire))))).isEmpty();
    }

    @Test
    void the_schemas_reject_what_breaks_the_contract() throws Exception {
        JsonNode bad = JSON.readTree("{\"seq\":0,\"ts\":\"2026-11-27T08:19:00Z\",\"timeSynced\":true,\"bootId\":\"x\","
                + "\"alarmId\":\"a\",\"type\":\"BLAZE\",\"event\":\"RAISED\",\"zone\":\"Z1\",\"positionM\":1,"
                + "\"sensors\":[],\"value\":null,\"unit\":null,\"reason\":\"\",\"test\":false}");
        assertThat(PayloadSchemas.check(TOPICS.alarm(), bad)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void a_fires_update_carries_its_extent_and_spread_and_matches_the_schema() throws Exception {
        AlarmEvent update = new AlarmEvent("a-1", AlarmType.FIRE, AlarmEventKind.UPDATED, "Z2", 141.25,
                List.of("t14", "t15", "s3"), Double.NaN, "", "two criteria", false, T,
                new Extent(140, 175, Extent.Spread.DOWNSTREAM));
        String text = new String(payloads.alarm(7, update, true), StandardCharsets.UTF_8);

        assertThat(text).contains("\"event\":\"UPDATED\"", "\"positionM\":141.3", "\"extentM\":[140.0,175.0]",
                "\"spread\":\"downstream\"");
        assertThat(PayloadSchemas.check(TOPICS.alarm(), parse(payloads.alarm(7, update, true)))).isEmpty();
    }
}
