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

/**
 * An operator's MQTT client in tests: subscribes to a topic filter at QoS 1 with a persistent session and
 * keeps what arrives. It reconnects on its own, every 100 ms, rather than through Paho's automatic
 * reconnect, whose backoff is shared by every client in the JVM and grows across tests.
 */
public final class Subscriber implements AutoCloseable {

    /** A message as received. */
    public record Received(String topic, JsonNode json, boolean retained) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public Subscriber(String url, String filter) throws MqttException {
        this(url, filter, null);
    }

    /** A subscriber over TLS, with a socket factory holding its client certificate. */
    public Subscriber(String url, String filter, javax.net.SocketFactory tls) throws MqttException {
        client = new MqttClient(url, "subscriber-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        if (tls != null) {
            options.setSocketFactory(tls);
        }
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        // A callback, not a per-subscription listener: Paho forgets those when it reconnects.
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void connectionLost(Throwable cause) {
                Thread reconnect = new Thread(() -> reconnect(options, filter), "subscriber-reconnect");
                reconnect.setDaemon(true);
                reconnect.start();
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
        // Three tries: Moquette, busy with a run that just ended, may drop a connection it has just accepted.
        for (int attempt = 1; ; attempt++) {
            try {
                if (!client.isConnected()) {
                    client.connect(options);
                }
                client.subscribe(filter, 1);
                return;
            } catch (MqttException e) {
                if (attempt == 3) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    private void reconnect(MqttConnectOptions options, String filter) {
        while (!closed) {
            try {
                client.connect(options);
                client.subscribe(filter, 1);
                return;
            } catch (MqttException e) {
                java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(100).toNanos());
            }
        }
    }

    public List<Received> received() {
        return received;
    }

    public List<Received> on(String topicSuffix) {
        return received.stream().filter(r -> r.topic().endsWith("/" + topicSuffix)).toList();
    }

    @Override
    public void close() throws MqttException {
        closed = true;
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
