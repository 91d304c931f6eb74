package io.ductwatch.gateway.uplink.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.uplink.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;

/** NCMD and DCMD become a rebirth or the native commands, with the fields the native rules check. */
class SparkplugCommandsTest {

    private static final Date AT = Date.from(Instant.parse("2026-12-02T08:00:00.123Z"));

    private record Handed(String topic, JsonNode json, boolean retained) {
    }

    private final SparkplugTopics topics = new SparkplugTopics("ductwatch", "gw01");
    private final EdgeNodeModel model = new EdgeNodeModel(EdgeNodeModelTest.site(), topics);
    private final List<Handed> handed = new ArrayList<>();
    private final SparkplugCommands commands = new SparkplugCommands(topics, Topics.of("example-duct", "gw01"),
            Optional.of("scada"), (topic, payload, retained) -> {
                try {
                    handed.add(new Handed(topic, new ObjectMapper().readTree(payload), retained));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });

    private static byte[] payload(Date at, Metric... metrics) throws Exception {
        return new SparkplugBPayloadEncoder().getBytes(new SparkplugBPayload(at, new ArrayList<>(List.of(metrics))),
                false);
    }

    private static Metric bool(String name, boolean value) throws Exception {
        return new Metric.MetricBuilder(name, MetricDataType.Boolean, value).createMetric();
    }

    @Test
    void rebirth_on_ncmd_and_only_when_set_and_not_retained() throws Exception {
        byte[] rebirth = payload(AT, bool("Node Control/Rebirth", true));
        assertThat(commands.arrived(topics.ncmd(), rebirth, false, model, List.of())).isTrue();
        assertThat(commands.arrived(topics.ncmd(), rebirth, true, model, List.of())).isFalse();
        assertThat(commands.arrived(topics.ncmd(), payload(AT, bool("Node Control/Rebirth", false)), false, model,
                List.of())).isFalse();
        assertThat(commands.arrived(topics.ncmd(), "not protobuf".getBytes(), false, model, List.of())).isFalse();
        assertThat(handed).isEmpty();
    }

    @Test
    void acknowledge_on_a_zone_is_a_native_ack_per_unacknowledged_alarm_of_that_zone() throws Exception {
        List<ActiveAlarm> active = List.of(SparkplugNodeIT.fire("Z2", 123, false),
                SparkplugNodeIT.fire("Z1", 50, false));
        byte[] ack = payload(AT, bool("Commands/Acknowledge", true));

        commands.arrived("spBv1.0/ductwatch/DCMD/gw01/Z2", ack, false, model, active);

        assertThat(handed).singleElement().satisfies(h -> {
            assertThat(h.topic()).isEqualTo("ductwatch/example-duct/gw01/cmd/ack");
            assertThat(h.json().get("operator").asText()).isEqualTo("scada");
            assertThat(h.json().get("alarmId").asText()).isEqualTo("boot-1-7");
            assertThat(h.json().get("issuedAt").asText()).isEqualTo("2026-12-02T08:00:00.123Z");
            assertThat(h.json().get("requestId").asText()).startsWith("sparkplug-").endsWith("-boot-1-7");
            assertThat(h.retained()).isFalse();
        });
        commands.arrived("spBv1.0/ductwatch/DCMD/gw01/Z2", ack, false, model, active);
        assertThat(handed.get(1).json().get("requestId")).as("a replayed DCMD repeats its request id")
                .isEqualTo(handed.get(0).json().get("requestId"));
    }

    @Test
    void reset_by_alias_names_the_zone_and_a_command_without_timestamp_has_no_issued_at() throws Exception {
        long resetAlias = model.table(Optional.of("Z1")).orElseThrow().byName("Commands/Reset").orElseThrow().alias();
        Metric byAlias = new Metric.MetricBuilder(resetAlias, MetricDataType.Boolean, true).createMetric();

        commands.arrived("spBv1.0/ductwatch/DCMD/gw01/Z1", payload(null, byAlias), true, model, List.of());

        assertThat(handed).singleElement().satisfies(h -> {
            assertThat(h.topic()).isEqualTo("ductwatch/example-duct/gw01/cmd/reset");
            assertThat(h.json().get("zone").asText()).isEqualTo("Z1");
            assertThat(h.json().has("issuedAt")).as("refused by the native rules as missing").isFalse();
            assertThat(h.retained()).as("refused by the native rules as retained").isTrue();
        });
    }

    @Test
    void unknown_devices_and_metrics_change_nothing() throws Exception {
        commands.arrived("spBv1.0/ductwatch/DCMD/gw01/Z9", payload(AT, bool("Commands/Reset", true)), false, model,
                List.of());
        commands.arrived("spBv1.0/ductwatch/DCMD/gw01/Z1", payload(AT, bool("Sensors/t01/Temperature", true)), false,
                model, List.of());
        assertThat(handed).isEmpty();
    }

    @Test
    void without_a_named_operator_a_dcmd_acts_as_one_the_site_does_not_list() throws Exception {
        List<String> operators = new ArrayList<>();
        SparkplugCommands recording = new SparkplugCommands(topics, Topics.of("example-duct", "gw01"), Optional.empty(),
                (topic, payload, retained) -> operators.add(new String(payload)));
        recording.arrived("spBv1.0/ductwatch/DCMD/gw01/Z1", payload(AT, bool("Commands/Reset", true)), false, model,
                List.of());
        assertThat(operators).singleElement().asString().contains("\"operator\":\"" + SparkplugCommands.UNNAMED_OPERATOR);
    }
}
