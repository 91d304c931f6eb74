package io.ductwatch.gateway.uplink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a broker's host name: the uplink's own port to name resolution, since Java 17 has no
 * pluggable resolver, so that tests and the simulator can make DNS fail for the uplink alone.
 */
public interface NameResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The operating system's resolver. */
    static NameResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
