package io.ductwatch.bench.harness;

import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Paho clients for the harness: memory persistence, clean sessions, QoS 1, as the gateway uses them. */
final class Mqtt {

    private Mqtt() {
    }

    static MqttConnectOptions options(int maxInflight) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(maxInflight);
        return options;
    }

    /** A connected client that hands every message on a topic filter to {@code onMessage} (topic, payload). */
    static MqttClient subscriber(String broker, String clientId, String filter, BiConsumer<String, byte[]> onMessage)
            throws MqttException {
        MqttClient client = new MqttClient(broker, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                System.err.println("bench subscriber " + clientId + " lost its connection: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage.accept(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        client.connect(options(1000));
        client.subscribe(filter, 1);
        return client;
    }

    static MqttClient publisher(String broker, String clientId, int maxInflight) throws MqttException {
        MqttClient client = new MqttClient(broker, clientId, new MemoryPersistence());
        client.connect(options(maxInflight));
        return client;
    }

    /** A publish listener giving its slot back to an in-flight window when the broker answers, or fails. */
    static IMqttActionListener releasing(Semaphore window, String what) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                window.release();
                System.err.println(what + " publish failed: " + cause);
            }
        };
    }

    static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            System.err.println("closing " + client.getClientId() + ": " + e.getMessage());
        }
    }
}
