package io.ductwatch.gateway.local;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.Reading;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local CoAP API for technicians in the tunnel (DESIGN 2.3): {@code coap://} and, with a PSK file,
 * {@code coaps://} (DTLS 1.2, pre-shared keys). Works with no uplink at all: it reads the rule engine, not
 * the broker. Californium is configured in code (no properties file is read or written) and sized for a Pi;
 * {@link #close()} destroys the server and every thread it started.
 */
public final class LocalApi implements AlarmListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);

    /**
     * Where the API listens and who may use it.
     *
     * @param securePort coaps:// port; only used with keys
     * @param keys       the PSK identities; empty: no coaps:// endpoint, so no writes
     */
    public record Settings(InetSocketAddress plain, int securePort, boolean openReads, Optional<PskFile> keys) {
    }

    private final CoapServer server;
    private final Endpoint plain;
    private final Endpoint secure;
    private final SensorsResource sensors;
    private final AlarmsResource alarms;

    private LocalApi(CoapServer server, Endpoint plain, Endpoint secure, SensorsResource sensors,
                     AlarmsResource alarms) {
        this.server = server;
        this.plain = plain;
        this.secure = secure;
        this.sensors = sensors;
        this.alarms = alarms;
    }

    /** Californium's settings for a gateway on a Pi: few threads, small bodies, in code only. */
    static Configuration configuration() {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 2);
        config.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        config.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 64);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 1024);
        return config;
    }

    public static LocalApi start(Settings settings, TechnicianView view, List<SensorConfig> sensorConfigs) {
        Configuration config = configuration();
        CoapAccess access = new CoapAccess(settings.openReads(), settings.keys());
        CoapServer server = new CoapServer(config);
        Endpoint plain = CoapEndpoint.builder().setConfiguration(config)
                .setInetSocketAddress(settings.plain()).build();
        server.addEndpoint(plain);
        Endpoint secure = null;
        if (settings.keys().isPresent()) {
            AdvancedMultiPskStore store = new AdvancedMultiPskStore();
            settings.keys().get().identities().values().forEach(id -> store.setKey(id.name(), id.key()));
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                    .setAddress(new InetSocketAddress(settings.plain().getAddress(), settings.securePort()))
                    .setAdvancedPskStore(store)
                    .build();
            secure = CoapEndpoint.builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
            server.addEndpoint(secure);
        }
        SensorsResource sensors = new SensorsResource(access, view, sensorConfigs);
        AlarmsResource alarms = new AlarmsResource(access, view);
        server.add(new StatusResource(access, view), sensors, alarms);
        server.setMessageDeliverer(new ReasonedDeliverer(server.getRoot(), config));
        try {
            server.start();
        } catch (RuntimeException e) {
            server.destroy();
            throw new IllegalStateException("the CoAP API cannot listen on " + settings.plain() + ": " + e.getMessage(), e);
        }
        LocalApi api = new LocalApi(server, plain, secure, sensors, alarms);
        LOG.info("CoAP API on coap://{}:{}{}; reads {}", settings.plain().getAddress().getHostAddress(), api.port(),
                secure == null ? " (no PSK file: no coaps://, no writes)" : " and coaps:// port " + secure.getAddress().getPort(),
                settings.openReads() ? "open" : "over coaps:// only");
        return api;
    }

    public int port() {
        return plain.getAddress().getPort();
    }

    public OptionalInt securePort() {
        return secure == null ? OptionalInt.empty() : OptionalInt.of(secure.getAddress().getPort());
    }

    /** A sampling cycle's readings: observers of changed sensors are notified. */
    public void onReadings(List<Reading> readings) {
        sensors.onReadings(readings);
    }

    @Override
    public void onEvent(AlarmEvent event) {
        // The set of active alarms follows in onActiveChanged, which is what /alarms shows.
    }

    @Override
    public void onActiveChanged(List<ActiveAlarm> active) {
        alarms.changed();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
