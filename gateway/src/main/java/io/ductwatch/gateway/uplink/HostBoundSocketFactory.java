package io.ductwatch.gateway.uplink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets that verify the broker's certificate against its host name even when the connection goes
 * to an address the uplink resolved itself: the name is sent as SNI and checked by the JDK's endpoint
 * identification (RFC 2818 rules) during the handshake. For an IP literal, the address itself is checked.
 */
final class HostBoundSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final String host;

    HostBoundSocketFactory(SSLSocketFactory delegate, String host) {
        this.delegate = delegate;
        this.host = host;
    }

    private Socket bind(Socket socket) {
        SSLSocket ssl = (SSLSocket) socket;
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.isEmpty() && !Character.isDigit(host.charAt(0)) && !host.contains(":")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        return ssl;
    }

    @Override
    public Socket createSocket() throws IOException {
        return bind(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String ignoredHost, int port, boolean autoClose) throws IOException {
        return bind(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String ignoredHost, int port) throws IOException {
        return bind(delegate.createSocket(ignoredHost, port));
    }

    @Override
    public Socket createSocket(String ignoredHost, int port, InetAddress localAddress, int localPort) throws IOException {
        return bind(delegate.createSocket(ignoredHost, port, localAddress, localPort));
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return bind(delegate.createSocket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return bind(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
