package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.Payloads;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The thinner's arithmetic and order, on payloads as {@link Payloads} writes them. */
class MinuteAggregatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Payloads PAYLOADS = new Payloads("boot");

    @Test
    void one_aggregate_per_sensor_quantity_and_minute_in_time_then_sensor_order() throws Exception {
        List<byte[]> messages = new ArrayList<>();
        for (int s = 0; s < 120; s++) {
            Instant at = T0.plusSeconds(s);
            messages.add(PAYLOADS.readings(s + 1, at, List.of(
                    Reading.ok("t2", Quantity.TEMPERATURE, 20 + s % 60, at),
                    Reading.ok("t10", Quantity.TEMPERATURE, 30.5, at),
                    s % 4 == 0 ? Reading.fault("s1", Quantity.OBSCURATION, Quality.CRC_ERROR, at, "CRC mismatch")
                            : Reading.ok("s1", Quantity.OBSCURATION, 0.25, at)), true));
        }

        JsonNode out = JSON.readTree(new MinuteAggregates(PAYLOADS, () -> true).aggregate(messages).apply(500));

        assertThat(out.get("seq").asLong()).isEqualTo(500);
        List<String> order = new ArrayList<>();
        out.get("readings").forEach(r -> order.add(r.get("ts").asText() + " " + r.get("sensor").asText()));
        assertThat(order).containsExactly("2026-11-27T10:00:00.000Z s1", "2026-11-27T10:00:00.000Z t10",
                "2026-11-27T10:00:00.000Z t2", "2026-11-27T10:01:00.000Z s1", "2026-11-27T10:01:00.000Z t10",
                "2026-11-27T10:01:00.000Z t2");
        JsonNode t2 = out.get("readings").get(2);
        assertThat(t2.get("min").asDouble()).isEqualTo(20.0);
        assertThat(t2.get("max").asDouble()).isEqualTo(79.0);
        assertThat(t2.get("value").asDouble()).isEqualTo(49.5);
        assertThat(t2.get("count").asInt()).isEqualTo(60);
        assertThat(t2.get("faults").asInt()).isZero();
        assertThat(t2.get("unit").asText()).isEqualTo(Quantity.TEMPERATURE.unit());
        JsonNode s1 = out.get("readings").get(0);
        assertThat(s1.get("count").asInt()).isEqualTo(45);
        assertThat(s1.get("faults").asInt()).isEqualTo(15);
        assertThat(s1.get("value").asDouble()).isEqualTo(0.25);
    }

    @Test
    void a_minute_of_failed_reads_only_is_kept_as_its_fault_count() throws Exception {
        List<byte[]> messages = List.of(PAYLOADS.readings(1, T0, List.of(
                Reading.fault("t1", Quantity.TEMPERATURE, Quality.NO_RESPONSE, T0, "no presence pulse")), true));

        JsonNode r = JSON.readTree(new MinuteAggregates(PAYLOADS, () -> true).aggregate(messages).apply(2))
                .get("readings").get(0);

        assertThat(r.get("quality").asText()).isEqualTo("NO_RESPONSE");
        assertThat(r.get("count").asInt()).isZero();
        assertThat(r.get("faults").asInt()).isEqualTo(1);
        assertThat(r.get("value").isNull()).isTrue();
    }

    @Test
    void aggregates_thinned_again_keep_their_sensor_and_minute() throws Exception {
        MinuteAggregates thinner = new MinuteAggregates(PAYLOADS, () -> false);
        byte[] once = thinner.aggregate(List.of(PAYLOADS.readings(1, T0, List.of(
                Reading.ok("t1", Quantity.TEMPERATURE, 21.0, T0)), true))).apply(2);

        JsonNode twice = JSON.readTree(thinner.aggregate(List.of(once)).apply(3));

        assertThat(twice.get("timeSynced").asBoolean()).isFalse();
        assertThat(twice.get("readings")).hasSize(1);
        assertThat(twice.get("readings").get(0).get("sensor").asText()).isEqualTo("t1");
        assertThat(twice.get("readings").get(0).get("ts").asText()).isEqualTo("2026-11-27T10:00:00.000Z");
        assertThat(twice.get("readings").get(0).get("value").asDouble()).isEqualTo(21.0);
    }

    @Test
    void a_stored_message_that_is_not_a_reading_message_is_refused_by_name() {
        MinuteAggregates thinner = new MinuteAggregates(PAYLOADS, () -> true);

        assertThatThrownBy(() -> thinner.aggregate(List.of("not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> thinner.aggregate(List.of(
                "{\"readings\":[{\"sensor\":\"t1\",\"value\":1}]}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UncheckedIOException.class).hasRootCauseMessage(
                        "a stored reading lacks sensor, quantity, quality or ts");
    }
}
