package io.ductwatch.gateway.uplink;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three ways {@link PublishingSession} ends a Paho client it has already let go of: forcibly (the uplink
 * reconnects), as a crash would (the broker sends the will), or politely (the offline status first). Each closes
 * the client and logs what failed; none throws. Uplink thread; {@link #forcibly} waits up to 1 s, {@link
 * #politely} up to 5 s for the broker.
 */
final class Disconnects {

    private static final Logger LOG = LoggerFactory.getLogger(Disconnects.class);

    private Disconnects() {
    }

    /** Disconnects at once, waiting at most 1 s for the socket. */
    static void forcibly(MqttAsyncClient client, String why) {
        try {
            client.disconnectForcibly(0, 1000);
        } catch (MqttException e) {
            LOG.debug("forced disconnect after {}: {}", why, e.getMessage());
        }
        close(client, why);
    }

    /** Closes the socket without DISCONNECT, as a crash would, so the broker sends the will. */
    static void asCrash(MqttAsyncClient client) {
        try {
            client.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            LOG.debug("abandon: {}", e.getMessage());
        }
        close(client, "abandon");
    }

    /** Publishes the retained offline status, then disconnects. */
    static void politely(MqttAsyncClient client, String statusTopic, byte[] offline) {
        try {
            client.publish(statusTopic, offline, 1, true).waitForCompletion(2000);
            client.disconnect(2000).waitForCompletion(3000);
        } catch (MqttException e) {
            LOG.warn("could not publish the offline status before disconnecting: {}", e.getMessage());
        }
        close(client, "close");
    }

    private static void close(MqttAsyncClient client, String why) {
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close after {}: {}", why, e.getMessage());
        }
    }
}
