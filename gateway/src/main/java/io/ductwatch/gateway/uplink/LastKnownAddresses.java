package io.ductwatch.gateway.uplink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resolver that remembers the last addresses each name resolved to, and falls back on them when
 * resolution fails, so a DNS outage does not cut a gateway off a broker whose address did not change.
 * Thread-safe.
 */
public final class LastKnownAddresses implements NameResolver {

    private static final Logger LOG = LoggerFactory.getLogger(LastKnownAddresses.class);

    private final NameResolver delegate;
    private final Map<String, List<InetAddress>> known = new ConcurrentHashMap<>();

    public LastKnownAddresses(NameResolver delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        try {
            List<InetAddress> addresses = delegate.resolve(host);
            known.put(host, addresses);
            return addresses;
        } catch (UnknownHostException e) {
            List<InetAddress> last = known.get(host);
            if (last == null) {
                throw e;
            }
            LOG.warn("cannot resolve {} ({}); using its last known address {}", host, e.getMessage(), last.get(0));
            return last;
        }
    }
}
