package io.ductwatch.gateway.uplink;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection and failover: a round of connects to the brokers in the site's order, each host resolved
 * through the {@link NameResolver} port (which keeps the last known address for a DNS outage), with the
 * gateway's options (clean session, the retained offline status as the will, keepalive, TLS with the
 * broker's name checked against its certificate, credentials, TCP_NODELAY), and the subscriptions made
 * before the connection counts. Used on the thread of the connection it makes (the native uplink's, the
 * Sparkplug node's); a round may block for the connect timeouts.
 */
public final class BrokerConnector {

    /** A broker that took the connection, the {@code index} of it in the failover order. */
    public record Connection(MqttAsyncClient client, URI broker, String address, int index) {
    }

    /** The connection's MQTT will, published by the broker when the connection dies without a DISCONNECT. */
    public record Will(String topic, byte[] payload, int qos, boolean retained) {

        public Will {
            payload = payload.clone();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnector.class);

    private final UplinkSettings settings;
    private final NameResolver resolver;
    private volatile String lastError = "";

    public BrokerConnector(UplinkSettings settings, NameResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    /**
     * Tries the brokers in their failover order, once each, from the one at {@code first}: the first that
     * accepts the connection and the subscriptions is kept.
     *
     * @param callback      the callback for a new client, set before it connects
     * @param running       asked before each broker: false stops the round
     * @param will          the will of each CONNECT, asked once per broker tried
     * @param subscriptions topic filters subscribed at QoS 1 before the connection counts
     * @param first         index of the broker to try first (0 for the site's order)
     * @return the connection, or empty when no broker took it ({@link #lastError()} says why)
     */
    public Optional<Connection> connect(Function<MqttAsyncClient, MqttCallbackExtended> callback,
                                        BooleanSupplier running, Supplier<Will> will, List<String> subscriptions,
                                        int first) {
        List<URI> brokers = settings.brokers();
        for (int n = 0; n < brokers.size(); n++) {
            int index = Math.floorMod(first + n, brokers.size());
            URI broker = brokers.get(index);
            if (!running.getAsBoolean()) {
                return Optional.empty();
            }
            String target;
            try {
                target = addressed(broker);
            } catch (UnknownHostException e) {
                LOG.warn("broker {}: cannot resolve {}: {}", broker, broker.getHost(), e.getMessage());
                continue;
            }
            try {
                MqttAsyncClient candidate = new MqttAsyncClient(target, settings.clientId(), new MemoryPersistence());
                candidate.setCallback(callback.apply(candidate));
                IMqttToken token = candidate.connect(options(broker, will.get()));
                token.waitForCompletion(Duration.ofSeconds(15).toMillis());
                int[] qos = new int[subscriptions.size()];
                Arrays.fill(qos, 1);
                candidate.subscribe(subscriptions.toArray(String[]::new), qos).waitForCompletion(
                        Duration.ofSeconds(15).toMillis());
                return Optional.of(new Connection(candidate, broker, target, index));
            } catch (MqttException e) {
                lastError = describe(broker, e);
                LOG.warn(lastError);
            }
        }
        return Optional.empty();
    }

    /** The last connection failure, in words, or empty. */
    public String lastError() {
        return lastError;
    }

    /** What went wrong with a connect, in words an installer can act on. */
    static String describe(URI broker, MqttException e) {
        boolean tls = "ssl".equals(broker.getScheme());
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return "broker " + broker + ": its certificate does not name " + broker.getHost()
                        + "; use the name the certificate was issued for in uplink.brokers";
            }
            // Over TLS 1.3 a broker that refuses the client certificate just closes the socket: the client
            // sees a broken pipe or an end of stream rather than an alert.
            boolean cut = cause instanceof java.net.SocketException || cause instanceof java.io.EOFException;
            if (cause instanceof javax.net.ssl.SSLException || tls && cut) {
                return "broker " + broker + ": TLS handshake failed (" + cause + "); check uplink.tls (the CA"
                        + " that signed the broker's certificate, the client certificate and its key) and that the"
                        + " broker trusts the CA of the client certificate";
            }
        }
        if (e.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                || e.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED) {
            return "broker " + broker + ": refused the login (" + e.getMessage() + "); check uplink.credentialsFile";
        }
        return "broker " + broker + ": " + e.getMessage() + " (reason " + e.getReasonCode() + ")"
                + (e.getCause() == null ? "" : ": " + e.getCause());
    }

    /** The broker URL with its host replaced by an address from our resolver. */
    private String addressed(URI broker) throws UnknownHostException {
        String host = broker.getHost();
        InetAddress address = resolver.resolve(host).get(0);
        String literal = address.getHostAddress();
        if (literal.contains(":")) {
            literal = "[" + literal + "]";
        }
        return broker.getScheme() + "://" + literal + ":" + broker.getPort();
    }

    private MqttConnectOptions options(URI broker, Will will) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) settings.keepalive().toSeconds());
        options.setConnectionTimeout(10);
        options.setMaxInflight(settings.inflight() + 8);
        options.setWill(will.topic(), will.payload(), will.qos(), will.retained());
        settings.username().ifPresent(options::setUserName);
        if (settings.password() != null && settings.password().length > 0) {
            options.setPassword(settings.password());
        }
        options.setSocketFactory(new NoDelaySocketFactory(SocketFactory.getDefault()));
        settings.socketFactory().ifPresent(factory -> {
            options.setSocketFactory(factory);
            // The connection goes to an address; the certificate must still name the broker's host.
            options.setHttpsHostnameVerificationEnabled(false);
            options.setSSLHostnameVerifier(new BrokerNameVerifier(broker.getHost()));
        });
        return options;
    }
}
