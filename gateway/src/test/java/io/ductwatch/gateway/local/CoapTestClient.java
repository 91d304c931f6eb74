package io.ductwatch.gateway.local;

import java.net.InetSocketAddress;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A Californium client on its own endpoint (plain, or DTLS with one PSK identity), reused for every
 * request of a test and destroyed with it, so no default endpoint or thread outlives the test.
 */
public final class CoapTestClient implements AutoCloseable {

    private final Endpoint endpoint;
    private final CoapClient client;
    private final String base;

    private CoapTestClient(Endpoint endpoint, String base) {
        this.endpoint = endpoint;
        this.base = base;
        this.client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setTimeout(5_000L);
    }

    /** The gateway's own settings, but room to reassemble the longer answers (the sensor list). */
    private static Configuration configuration() {
        Configuration config = LocalApi.configuration();
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 64 * 1024);
        return config;
    }

    public static CoapTestClient plain(int port) {
        Configuration config = configuration();
        Endpoint endpoint = CoapEndpoint.builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        return new CoapTestClient(endpoint, "coap://127.0.0.1:" + port);
    }

    public static CoapTestClient dtls(int port, String identity, byte[] key) {
        Configuration config = configuration();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .build();
        Endpoint endpoint = CoapEndpoint.builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
        return new CoapTestClient(endpoint, "coaps://127.0.0.1:" + port);
    }

    String uri(String path) {
        return base + path;
    }

    public CoapClient client(String path) {
        client.setURI(uri(path));
        return client;
    }

    /** Sends a request to a path of the server; null when nothing came back in time. */
    public CoapResponse send(Request request, String path) throws Exception {
        request.setURI(uri(path));
        return client.advanced(request);
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }
}
