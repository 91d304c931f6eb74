package io.ductwatch.gateway.uplink.sparkplug;

import io.ductwatch.gateway.uplink.sparkplug.EdgeNodeModel.Outgoing;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection of the edge node: its {@code bdSeq} (the one in its will), the message seq
 * (0-255, wrapping; a birth starts it again at 0) and the ways it ends: an orderly goodbye (the DDEATHs,
 * the NDEATH, DISCONNECT) or a cut that leaves the will to the broker. Births and data go out at QoS 0,
 * the NDEATH at QoS 1, nothing retained (Sparkplug B 3.0). Used on the node's thread, or after it stopped.
 */
final class SparkplugSession {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugSession.class);
    private static final SparkplugBPayloadEncoder ENCODER = new SparkplugBPayloadEncoder();

    private final MqttAsyncClient client;
    private final URI broker;
    private final long bdSeq;
    private long seq = -1;

    SparkplugSession(MqttAsyncClient client, URI broker, long bdSeq) {
        this.client = client;
        this.broker = broker;
        this.bdSeq = bdSeq;
    }

    static byte[] encode(Outgoing message) {
        try {
            return ENCODER.getBytes(message.payload(), false);
        } catch (IOException e) {
            throw new IllegalStateException("a Sparkplug payload for " + message.topic() + " cannot be encoded", e);
        }
    }

    long bdSeq() {
        return bdSeq;
    }

    URI broker() {
        return broker;
    }

    /** Whether this session's connection is the client a Paho callback came from. */
    boolean owns(MqttAsyncClient owner) {
        return client == owner;
    }

    /** A birth follows: its NBIRTH takes seq 0. */
    void restartSeq() {
        seq = -1;
    }

    /** Publishes each message with the next seq (an NDEATH takes none). */
    void publish(List<Outgoing> messages) throws MqttException {
        for (Outgoing message : messages) {
            if (message.sequenced()) {
                seq = (seq + 1) % 256;
                message.payload().setSeq(seq);
            }
            client.publish(message.topic(), encode(message), 0, false);
        }
    }

    /** An orderly end: the device deaths given, the NDEATH of this session at QoS 1, then DISCONNECT. */
    void goodbye(List<Outgoing> deviceDeaths, Outgoing death) {
        try {
            publish(deviceDeaths);
            client.publish(death.topic(), encode(death), 1, false).waitForCompletion(2000);
            client.disconnect(2000).waitForCompletion(3000);
        } catch (MqttException e) {
            LOG.warn("Sparkplug node could not say goodbye: {}", e.toString());
        }
        close();
    }

    /** Cuts the connection without DISCONNECT: the broker publishes the NDEATH will. */
    void cut(long quiesceMillis) {
        try {
            client.disconnectForcibly(0, quiesceMillis, false);
        } catch (MqttException e) {
            LOG.debug("Sparkplug forced disconnect: {}", e.getMessage());
        }
        close();
    }

    private void close() {
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Sparkplug close: {}", e.getMessage());
        }
    }
}
