package io.ductwatch.gateway.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ductwatch.config.SensorConfig;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.Payloads;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code /sensors} and {@code /sensors/{id}}: every sensor of the site with its place and latest reading.
 * Both are observable; observers hear of every change of a reading's value or quality.
 */
final class SensorsResource extends ApiResource {

    private final TechnicianView view;
    private final Map<String, SensorConfig> sensors = new LinkedHashMap<>();
    private final Map<String, One> children = new HashMap<>();
    private final Map<String, Reading> lastSeen = new HashMap<>();

    SensorsResource(CoapAccess access, TechnicianView view, List<SensorConfig> sensors) {
        super("sensors", access);
        this.view = view;
        setObservable(true);
        setObserveType(CoAP.Type.NON);
        getAttributes().setTitle("sensors and their latest readings");
        getAttributes().addResourceType("ductwatch.sensors");
        getAttributes().setObservable();
        getAttributes().addContentType(50);
        getAttributes().addContentType(60);
        for (SensorConfig sensor : sensors) {
            this.sensors.put(sensor.id(), sensor);
            One child = new One(sensor);
            children.put(sensor.id(), child);
            add(child);
        }
    }

    /** Notifies the observers of each sensor whose value or quality changed, and of the list if any did. */
    void onReadings(List<Reading> readings) {
        boolean any = false;
        synchronized (lastSeen) {
            for (Reading r : readings) {
                Reading before = lastSeen.put(r.sensorId(), r);
                if (before == null || before.quality() != r.quality() || Double.compare(before.value(), r.value()) != 0
                        || !Objects.equals(before.detail(), r.detail())) {
                    One child = children.get(r.sensorId());
                    if (child != null) {
                        child.changed();
                    }
                    any = true;
                }
            }
        }
        if (any) {
            changed();
        }
    }

    @Override
    protected void get(CoapExchange exchange) {
        Map<String, Reading> latest = view.latestReadings();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("ts", Payloads.timestamp(view.now()));
        var list = body.putArray("sensors");
        sensors.values().forEach(s -> list.add(item(s, latest.get(s.id()))));
        CoapBodies.respond(exchange, ResponseCode.CONTENT, body);
    }

    private static ObjectNode item(SensorConfig sensor, Reading reading) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("sensor", sensor.id());
        if (!sensor.name().isBlank()) {
            item.put("name", sensor.name());
        }
        item.put("kind", sensor.kind().yamlName());
        item.put("zone", sensor.zone());
        item.put("positionM", Math.round(sensor.positionM() * 10) / 10.0);
        if (reading == null) {
            item.putNull("quality");
            return item;
        }
        item.put("quantity", reading.quantity().name());
        if (Double.isFinite(reading.value())) {
            item.put("value", reading.value());
        } else {
            item.putNull("value");
        }
        if (reading.quantity().unit() != null) {
            item.put("unit", reading.quantity().unit());
        }
        item.put("quality", reading.quality().name());
        if (!reading.detail().isEmpty()) {
            item.put("detail", reading.detail());
        }
        item.put("ts", Payloads.timestamp(reading.at()));
        return item;
    }

    /** {@code /sensors/{id}}. */
    private final class One extends ApiResource {

        private final SensorConfig sensor;

        One(SensorConfig sensor) {
            super(sensor.id(), SensorsResource.this.access);
            this.sensor = sensor;
            setObservable(true);
            setObserveType(CoAP.Type.NON);
            getAttributes().setTitle(sensor.name());
            getAttributes().addResourceType("ductwatch.sensor");
            getAttributes().setObservable();
        }

        @Override
        protected void get(CoapExchange exchange) {
            CoapBodies.respond(exchange, ResponseCode.CONTENT, item(sensor, view.latestReadings().get(sensor.id())));
        }
    }
}
