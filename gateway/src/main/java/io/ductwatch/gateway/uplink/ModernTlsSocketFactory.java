package io.ductwatch.gateway.uplink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TLS socket factory whose sockets offer TLS 1.3 and 1.2 only, 1.3 preferred (the client offers its
 * highest version; a broker that only speaks 1.2 still connects). Whatever the JVM's defaults, older
 * versions are never offered; Nagle's algorithm is off, as on plain sockets ({@link NoDelaySocketFactory}).
 * Paho creates its sockets through it.
 */
final class ModernTlsSocketFactory extends SSLSocketFactory {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLSocketFactory delegate;

    ModernTlsSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    private Socket pinned(Socket socket) throws IOException {
        if (socket instanceof SSLSocket tls) {
            tls.setEnabledProtocols(PROTOCOLS.toArray(String[]::new));
        }
        return NoDelaySocketFactory.noDelay(socket);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return pinned(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return pinned(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return pinned(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return pinned(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return pinned(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return pinned(delegate.createSocket(address, port, localAddress, localPort));
    }
}
