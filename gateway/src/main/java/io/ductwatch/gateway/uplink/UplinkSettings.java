package io.ductwatch.gateway.uplink;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * How the uplink (and the Sparkplug node's own connection) reach the brokers.
 *
 * @param brokers       URLs, tried in this order
 * @param inflight      most messages published and not yet acknowledged
 * @param replayPerS    most reading messages published per second
 * @param ackTimeout    a message not acknowledged within this drops the connection
 * @param socketFactory a TLS socket factory for ssl:// brokers, empty for plain TCP
 * @param username      broker user, empty for none
 * @param password      broker password
 * @param reconnectSlot the gateway's reconnect slot after a loss ({@link ReconnectBackoff#slotOf})
 */
public record UplinkSettings(List<URI> brokers, String clientId, Duration keepalive, int inflight, int replayPerS,
                             Duration ackTimeout, Optional<SocketFactory> socketFactory, Optional<String> username,
                             char[] password, int reconnectSlot) {

    /** Settings in reconnect slot 0. */
    public UplinkSettings(List<URI> brokers, String clientId, Duration keepalive, int inflight, int replayPerS,
                          Duration ackTimeout, Optional<SocketFactory> socketFactory, Optional<String> username,
                          char[] password) {
        this(brokers, clientId, keepalive, inflight, replayPerS, ackTimeout, socketFactory, username, password, 0);
    }

    /** The same with another client id (a second connection of the gateway's). */
    public UplinkSettings withClientId(String id) {
        return new UplinkSettings(brokers, id, keepalive, inflight, replayPerS, ackTimeout, socketFactory, username,
                password, reconnectSlot);
    }
}
