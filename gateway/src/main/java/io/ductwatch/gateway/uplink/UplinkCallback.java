package io.ductwatch.gateway.uplink;

import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paho's callback on the uplink's connection, on Paho's callback thread: a lost connection is posted to the
 * uplink thread, a message on the gateway's retained topics goes to {@link RetainedTopics} (the uplink thread
 * is woken to publish the truth again if need be), any other is an operator command handed on. Nothing here
 * blocks or disconnects.
 */
final class UplinkCallback implements MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkCallback.class);

    private final RetainedTopics retained;
    private final MqttUplink.Inbound commands;
    private final Consumer<Throwable> lost;
    private final Runnable wake;

    UplinkCallback(RetainedTopics retained, MqttUplink.Inbound commands, Consumer<Throwable> lost, Runnable wake) {
        this.retained = retained;
        this.commands = commands;
        this.lost = lost;
        this.wake = wake;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // The uplink thread learns of the connection from the connect token.
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost.accept(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            if (retained.arrived(topic, message.getPayload(), message.isRetained())) {
                wake.run();
                return;
            }
            commands.arrived(topic, message.getPayload(), message.isRetained());
        } catch (RuntimeException e) {
            LOG.error("command on {} could not be handed on: {}", topic, e.toString());
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // Acknowledgements come through each publish's own listener.
    }
}
