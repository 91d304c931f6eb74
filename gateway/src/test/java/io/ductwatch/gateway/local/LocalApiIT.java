package io.ductwatch.gateway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.core.RuleEngine;
import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.gateway.payload.Payloads;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local CoAP API over loopback with Californium's own client: every resource, observe, DTLS with a
 * write identity, a read-only one and a wrong key, and plain CoAP refused for writes.
 */
class LocalApiIT {

    static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/sites/example-duct.yaml").normalize();
    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    /** Keys whose bytes are text, so that libcoap's {@code -k} can give them too (LibcoapInteropIT). */
    static final String WRITE_KEY_TEXT = "tech-1-secret-key-0001";
    static final String READ_KEY_TEXT = "viewer-secret-key-0002";
    static final byte[] WRITE_KEY = WRITE_KEY_TEXT.getBytes(StandardCharsets.US_ASCII);
    static final byte[] READ_KEY = READ_KEY_TEXT.getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    SiteConfig site;
    RuleEngine engine;
    LocalApi api;
    Path pskFile;
    private final VirtualScheduler scheduler = new VirtualScheduler(T0);
    private final List<CoapTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        site = SiteLoader.load(EXAMPLE);
        pskFile = dir.resolve("coap-psk");
        Files.writeString(pskFile, "# technicians\ntech-1," + HexFormat.of().formatHex(WRITE_KEY) + ",write\n"
                + "viewer," + HexFormat.of().formatHex(READ_KEY) + ",read\n");
        Files.setPosixFilePermissions(pskFile, PosixFilePermissions.fromString("rw-------"));
        startApi(true);
    }

    /** The engine on the example site, every heat sensor at 20 C, and the API in front of it. */
    void startApi(boolean openReads) throws Exception {
        AtomicReference<LocalApi> ref = new AtomicReference<>();
        AtomicLong ids = new AtomicLong();
        engine = new RuleEngine(site, T0, () -> "a" + ids.incrementAndGet(), List.of(new AlarmListener() {
            @Override
            public void onEvent(AlarmEvent event) {
            }

            @Override
            public void onActiveChanged(List<ActiveAlarm> active) {
                if (ref.get() != null) {
                    ref.get().onActiveChanged(active);
                }
            }
        }));
        Payloads payloads = new Payloads("boot-1");
        LocalApi started = LocalApi.start(new LocalApi.Settings(new InetSocketAddress("127.0.0.1", 0), 0, openReads,
                        Optional.of(PskFile.read(pskFile))),
                new EngineView(engine, scheduler, payloads, () -> "{\"online\":true,\"uplink\":\"lost\"}"
                        .getBytes(StandardCharsets.UTF_8)), site.sensors());
        ref.set(started);
        api = started;
        cycle(20.0, false);
    }

    /** One sampling cycle: every heat sensor at {@code celsius}, the call point as given. */
    void cycle(double celsius, boolean callPoint) {
        List<Reading> readings = new ArrayList<>();
        for (SensorConfig s : site.sensors()) {
            if (s.kind() == SensorConfig.Kind.HEAT) {
                readings.add(Reading.ok(s.id(), Quantity.TEMPERATURE, celsius, scheduler.now()));
            } else if (s.kind() == SensorConfig.Kind.CALL_POINT) {
                readings.add(Reading.ok(s.id(), Quantity.CONTACT, callPoint ? 1 : 0, scheduler.now()));
            }
        }
        engine.onReadings(readings);
        engine.tick(scheduler.now());
        if (api != null) {
            api.onReadings(readings);
        }
    }

    CoapTestClient plain() {
        return track(CoapTestClient.plain(api.port()));
    }

    CoapTestClient dtls(String identity, byte[] key) {
        return track(CoapTestClient.dtls(api.securePort().orElseThrow(), identity, key));
    }

    private CoapTestClient track(CoapTestClient client) {
        clients.add(client);
        return client;
    }

    @AfterEach
    void stop() {
        clients.forEach(CoapTestClient::close);
        if (api != null) {
            api.close();
        }
    }

    static JsonNode json(CoapResponse response) throws Exception {
        assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
        return JSON.readTree(response.getPayload());
    }

    /** An observer that keeps every notification (errors show up as missing ones). */
    static CoapHandler collectInto(List<CoapResponse> notes) {
        return new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                notes.add(response);
            }

            @Override
            public void onError() {
            }
        };
    }

    String raiseFire() {
        cycle(20.0, true);
        return engine.activeAlarms().stream().filter(a -> a.type() == AlarmType.FIRE).findFirst().orElseThrow().alarmId();
    }

    @Test
    void every_resource_answers_get_and_the_well_known_core_lists_them() throws Exception {
        CoapTestClient c = plain();
        CoapResponse status = c.client("/status").get();
        assertThat(status.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(json(status).get("uplink").asText()).isEqualTo("lost");

        JsonNode sensors = json(c.client("/sensors").get());
        assertThat(sensors.get("sensors")).hasSize(site.sensors().size());
        JsonNode t05 = json(c.client("/sensors/t05").get());
        assertThat(t05.get("sensor").asText()).isEqualTo("t05");
        assertThat(t05.get("value").asDouble()).isEqualTo(20.0);
        assertThat(t05.get("quality").asText()).isEqualTo("OK");
        assertThat(t05.get("positionM").asDouble()).isEqualTo(site.sensor("t05").orElseThrow().positionM());

        JsonNode alarms = json(c.client("/alarms").get());
        assertThat(alarms.get("alarms")).isEmpty();
        String fire = raiseFire();
        JsonNode one = json(c.client("/alarms/" + fire).get());
        assertThat(one.get("type").asText()).isEqualTo("FIRE");

        CoapResponse core = c.client("/.well-known/core").get();
        assertThat(core.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        assertThat(core.getResponseText()).contains("</status>", "</sensors>;", "</alarms>;", "</alarms/reset>",
                "</sensors/t05>").contains("obs");
        assertThat(core.getResponseText()).doesNotContain("/alarms/" + fire);
    }

    @Test
    void cbor_when_the_client_asks_for_it() throws Exception {
        Request get = Request.newGet();
        get.getOptions().setAccept(MediaTypeRegistry.APPLICATION_CBOR);
        CoapResponse response = plain().send(get, "/sensors/t05");
        assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_CBOR);
        JsonNode decoded = new CBORMapper().readTree(response.getPayload());
        assertThat(decoded.get("sensor").asText()).isEqualTo("t05");
        assertThat(decoded.get("value").asDouble()).isEqualTo(20.0);
    }

    @Test
    void an_observer_of_alarms_hears_a_raised_fire_in_a_confirmable_notification() throws Exception {
        List<CoapResponse> notes = new CopyOnWriteArrayList<>();
        CoapObserveRelation relation = plain().client("/alarms").observe(collectInto(notes));
        await().atMost(Duration.ofSeconds(5)).until(() -> notes.size() == 1);
        raiseFire();
        await().atMost(Duration.ofSeconds(5)).until(() -> notes.size() >= 2);
        CoapResponse note = notes.get(notes.size() - 1);
        assertThat(note.advanced().getType()).isEqualTo(CoAP.Type.CON);
        assertThat(json(note).get("alarms")).anySatisfy(a -> assertThat(a.get("type").asText()).isEqualTo("FIRE"));
        relation.proactiveCancel();
    }

    @Test
    void an_observer_of_a_sensor_hears_each_change_of_its_reading() throws Exception {
        List<CoapResponse> notes = new CopyOnWriteArrayList<>();
        CoapObserveRelation relation = plain().client("/sensors/t05").observe(collectInto(notes));
        await().atMost(Duration.ofSeconds(5)).until(() -> notes.size() == 1);
        cycle(20.0, false);
        cycle(31.5, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> notes.size() >= 2);
        assertThat(json(notes.get(notes.size() - 1)).get("value").asDouble()).isEqualTo(31.5);
        assertThat(notes).as("an unchanged reading notifies nobody").hasSize(2);
        relation.proactiveCancel();
    }

    @Test
    void a_write_identity_acknowledges_over_dtls() throws Exception {
        String fire = raiseFire();
        CoapResponse response = dtls("tech-1", WRITE_KEY).send(Request.newPost(), "/alarms/" + fire + "/ack");
        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(json(response).get("ok").asBoolean()).isTrue();
        assertThat(engine.activeAlarms()).filteredOn(a -> a.alarmId().equals(fire))
                .singleElement().satisfies(a -> assertThat(a.acknowledged()).isTrue());

        cycle(20.0, false);
        Request reset = Request.newPost();
        reset.setPayload("{\"zone\":\"Z1\"}");
        reset.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        assertThat(dtls("tech-1", WRITE_KEY).send(reset, "/alarms/reset").getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(engine.activeAlarms()).noneMatch(a -> a.type() == AlarmType.FIRE);
    }

    @Test
    void plain_coap_may_not_write_and_a_read_identity_may_only_read() throws Exception {
        String fire = raiseFire();
        assertThat(plain().send(Request.newPost(), "/alarms/" + fire + "/ack").getCode())
                .isEqualTo(ResponseCode.UNAUTHORIZED);
        CoapTestClient viewer = dtls("viewer", READ_KEY);
        assertThat(viewer.send(Request.newPost(), "/alarms/" + fire + "/ack").getCode())
                .isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(viewer.send(Request.newPost(), "/alarms/reset").getCode()).isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(viewer.send(Request.newGet(), "/alarms").getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(engine.activeAlarms()).filteredOn(a -> a.alarmId().equals(fire))
                .singleElement().satisfies(a -> assertThat(a.acknowledged()).isFalse());
    }

    @Test
    void a_wrong_key_fails_the_handshake_and_changes_nothing() throws Exception {
        String fire = raiseFire();
        CoapTestClient intruder = dtls("tech-1", READ_KEY);
        CoapResponse response;
        try {
            response = intruder.send(Request.newPost(), "/alarms/" + fire + "/ack");
        } catch (java.io.IOException | org.eclipse.californium.elements.exception.ConnectorException e) {
            response = null;
        }
        assertThat(response).as("no answer without a completed handshake").isNull();
        assertThat(engine.activeAlarms()).filteredOn(a -> a.alarmId().equals(fire))
                .singleElement().satisfies(a -> assertThat(a.acknowledged()).isFalse());
    }

    @Test
    void reads_over_plain_coap_are_refused_when_the_site_closes_them() throws Exception {
        api.close();
        startApi(false);
        assertThat(plain().send(Request.newGet(), "/sensors").getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
        assertThat(dtls("viewer", READ_KEY).send(Request.newGet(), "/sensors").getCode())
                .isEqualTo(ResponseCode.CONTENT);
    }

    @Test
    void no_thread_is_left_behind_after_shutdown() throws Exception {
        api.close();
        api = null;
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        startApi(true);
        String fire = raiseFire();
        CoapTestClient viewer = CoapTestClient.dtls(api.securePort().orElseThrow(), "viewer", READ_KEY);
        CoapTestClient open = CoapTestClient.plain(api.port());
        assertThat(viewer.send(Request.newGet(), "/alarms/" + fire).getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(open.send(Request.newGet(), "/sensors").getCode()).isEqualTo(ResponseCode.CONTENT);
        CoapObserveRelation relation = open.client("/alarms").observeAndWait(collectInto(new ArrayList<>()));
        relation.proactiveCancel();
        viewer.close();
        open.close();
        api.close();
        api = null;

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                        .map(Thread::getName)).as("threads started by the API or its clients and still alive").isEmpty());
        assertThat(Path.of("Californium3.properties")).as("Californium configured in code, no file written")
                .doesNotExist();
    }
}
