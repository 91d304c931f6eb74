package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml names a channel and a schema for every topic the gateway uses. */
class AsyncApiDocumentTest {

    private static final Topics TOPICS = Topics.of("example-duct", "gw01");

    @Test
    void every_topic_of_the_gateway_has_its_channel_and_schema() {
        assertThat(PayloadSchemas.channelOf(TOPICS.status()).schemaFile()).isEqualTo("schema/status.schema.json");
        assertThat(PayloadSchemas.channelOf(TOPICS.alarm()).schemaFile()).isEqualTo("schema/alarm.schema.json");
        assertThat(PayloadSchemas.channelOf(TOPICS.alarmsActive()).schemaFile())
                .isEqualTo("schema/alarms-active.schema.json");
        assertThat(PayloadSchemas.channelOf(TOPICS.reading()).schemaFile()).isEqualTo("schema/reading.schema.json");
        assertThat(PayloadSchemas.channelOf(TOPICS.gap()).schemaFile()).isEqualTo("schema/gap.schema.json");
        assertThat(PayloadSchemas.channelOf(TOPICS.commandResult()).schemaFile())
                .isEqualTo("schema/cmd-result.schema.json");
        Topics.COMMANDS.forEach(name -> assertThat(PayloadSchemas.channelOf(TOPICS.command(name)).schemaFile())
                .isEqualTo("schema/cmd.schema.json"));
        assertThat(PayloadSchemas.channelOf(TOPICS.sms()).schemaFile()).isEqualTo("schema/sms.schema.json");
        assertThat(PayloadSchemas.channels()).hasSize(8);
    }

    @Test
    void the_documented_command_example_matches_the_command_schema() throws Exception {
        var example = new ObjectMapper().readTree("{\"operator\":\"control-room\",\"requestId\":"
                + "\"3b0c6a1e-0f7e-4c55-9a8b-2d5f6f0d7e11\",\"issuedAt\":\"2026-11-27T08:30:00Z\",\"target\":\"t07\","
                + "\"durationS\":7200}");
        assertThat(PayloadSchemas.check(TOPICS.command("disable"), example)).isEmpty();
        assertThat(PayloadSchemas.check(TOPICS.command("disable"), new ObjectMapper().readTree(
                "{\"operator\":\"control-room\",\"target\":\"t07\"}"))).as("requestId and issuedAt are required")
                .isNotEmpty();
    }
}
