package io.ductwatch.gateway.uplink.sparkplug;

import io.ductwatch.gateway.uplink.BrokerConnector;
import io.ductwatch.gateway.uplink.sparkplug.EdgeNodeModel.Outgoing;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;

/**
 * How the edge node reaches its brokers: rounds of connects in the uplink's failover order through the
 * uplink's {@link BrokerConnector} (resolver, TLS, credentials), each CONNECT with the next bdSeq and the
 * NDEATH that carries it as its will, subscribed to the node's commands (and the primary host's STATE)
 * before it counts. After an orderly leave (the primary host went offline) the next round starts at the
 * next broker, as Sparkplug B 3.0 asks; after a cut, at the same one. Used on the node's thread.
 */
final class SparkplugLink {

    private final BrokerConnector connector;
    private final BdSeqFile bdSeqs;
    private final List<String> subscriptions;
    private int brokerIndex;

    SparkplugLink(BrokerConnector connector, BdSeqFile bdSeqs, List<String> subscriptions) {
        this.connector = connector;
        this.bdSeqs = bdSeqs;
        this.subscriptions = List.copyOf(subscriptions);
    }

    /**
     * One round of connects.
     *
     * @param death the NDEATH for a bdSeq
     * @return the session, or empty when no broker took it
     */
    Optional<SparkplugSession> open(Function<MqttAsyncClient, MqttCallbackExtended> callback, BooleanSupplier running,
                                    LongFunction<Outgoing> death) {
        long[] bdSeq = new long[1];
        Optional<BrokerConnector.Connection> made = connector.connect(callback, running, () -> {
            bdSeq[0] = bdSeqs.next();
            Outgoing will = death.apply(bdSeq[0]);
            return new BrokerConnector.Will(will.topic(), SparkplugSession.encode(will), 1, false);
        }, subscriptions, brokerIndex);
        made.ifPresent(connection -> brokerIndex = connection.index());
        return made.map(connection -> new SparkplugSession(connection.client(), connection.broker(), bdSeq[0]));
    }

    /** Ends the session in order, with its NDEATH; the next round starts at the next broker. */
    void leave(SparkplugSession session, Outgoing death) {
        brokerIndex++;
        session.goodbye(List.of(), death);
    }

    /** Cuts the session (its will goes out); the next round starts at the same broker. */
    void cut(SparkplugSession session) {
        session.cut(1000);
    }
}
