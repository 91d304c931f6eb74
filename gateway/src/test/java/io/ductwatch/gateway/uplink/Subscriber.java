package io.ductwatch.gateway.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** An operator's MQTT client in tests: subscribes to a topic filter at QoS 1 and keeps what arrives. */
public final class Subscriber implements AutoCloseable {

    /** A message as received. */
    public record Received(String topic, JsonNode json, boolean retained) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public Subscriber(String url, String filter) throws MqttException {
        client = new MqttClient(url, "subscriber-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(1000);
        // A callback, not a per-subscription listener: Paho forgets those when it reconnects.
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    try {
                        client.subscribe(filter, 1);
                    } catch (MqttException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    received.add(new Received(topic, JSON.readTree(message.getPayload()), message.isRetained()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(options);
        client.subscribe(filter, 1);
    }

    public List<Received> received() {
        return received;
    }

    public List<Received> on(String topicSuffix) {
        return received.stream().filter(r -> r.topic().endsWith("/" + topicSuffix)).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
