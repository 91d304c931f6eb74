package io.ductwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.simulator.broker.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** The recorder's figures on an embedded broker: whose loss a missing seq is. */
class DeliveryRecorderTest {

    private static final String ROOT = "ductwatch/site/gw/";

    @Test
    void a_missing_seq_the_broker_acknowledged_is_the_brokers_loss_any_other_the_gateways() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             DeliveryRecorder recorder = new DeliveryRecorder(broker.url(), ROOT);
             MqttClient gateway = new MqttClient(broker.url(), "gw", new MemoryPersistence())) {
            gateway.connect();
            publish(gateway, "readings", "{\"seq\":1}");
            publish(gateway, "readings", "{\"seq\":2}");
            publish(gateway, "readings", "{\"seq\":2}");
            publish(gateway, "gap", "{\"seq\":3,\"ranges\":[[4,5]]}");
            publish(gateway, "readings", "not json");
            for (long seq : new long[] {1, 2, 3, 6, 7}) {
                recorder.acknowledged(seq);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> recorder.hasAll(5));

            Summary.Delivery figures = recorder.figures(9);

            assertThat(figures.published()).isEqualTo(9);
            assertThat(figures.delivered()).as("seqs 1, 2, 3").isEqualTo(3);
            assertThat(figures.announcedGaps()).as("seqs 4 and 5").isEqualTo(2);
            assertThat(figures.brokerLost()).as("6 and 7: acknowledged, never delivered").isEqualTo(2);
            assertThat(figures.lost()).as("8 and 9: never acknowledged").isEqualTo(2);
            assertThat(figures.duplicates()).isEqualTo(1);
            gateway.disconnect();
        }
    }

    private static void publish(MqttClient client, String channel, String payload) throws Exception {
        client.publish(ROOT + channel, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }
}
