package io.ductwatch.gateway.uplink.sparkplug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the primary host application says of itself on {@code spBv1.0/STATE/HOST} (Sparkplug B 3.0: a
 * retained JSON {@code {"online":true,"timestamp":1700000000000}}). A message older than the newest one
 * seen is ignored, as the specification requires (a host's late death certificate must not undo its new
 * birth); a malformed one is ignored with a warning. Without a configured host the node is always free to
 * publish. Used on the node's thread only.
 */
final class HostState {

    private static final Logger LOG = LoggerFactory.getLogger(HostState.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> host;
    private boolean online;
    private long timestamp = Long.MIN_VALUE;

    HostState(Optional<String> host) {
        this.host = host;
    }

    /** The STATE topic to subscribe to, if a primary host is configured. */
    Optional<String> topic() {
        return host.map(SparkplugTopics::state);
    }

    /** Whether births may be published: no primary host is configured, or it said it is online. */
    boolean allowsBirth() {
        return host.isEmpty() || online;
    }

    /**
     * A STATE message arrived.
     *
     * @return whether the host went from online to offline with it
     */
    boolean arrived(byte[] payload) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.path("online").isBoolean() || !json.path("timestamp").canConvertToLong()) {
            LOG.warn("Sparkplug STATE of host {} is not {{\"online\":BOOLEAN,\"timestamp\":MILLIS}}; ignored",
                    host.orElse("?"));
            return false;
        }
        long at = json.get("timestamp").asLong();
        if (at < timestamp) {
            return false;
        }
        boolean was = online;
        timestamp = at;
        online = json.get("online").asBoolean();
        return was && !online;
    }

    /** A new connection: the host's state is learnt again from its retained STATE. */
    void forget() {
        online = false;
    }
}
