package io.ductwatch.gateway.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.core.fallback.SmsRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON payloads of DESIGN 2.2, compact and single-line UTF-8, as documented in
 * {@code docs/operators.md} and {@code docs/schema/}. Every message but {@code status} and
 * {@code alarms/active} carries {@code seq}, {@code ts} (when the thing happened, ISO-8601 UTC with
 * milliseconds), {@code timeSynced} and {@code bootId}. Thread-safe.
 */
public final class Payloads {

    /** Decimals as written ({@code 140}, not {@code 1.4E+2}). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String bootId;

    public Payloads(String bootId) {
        this.bootId = bootId;
    }

    public static String timestamp(Instant at) {
        return TS.format(at);
    }

    /** One alarm lifecycle event. */
    public byte[] alarm(long seq, AlarmEvent e, boolean timeSynced) {
        ObjectNode node = envelope(seq, e.at(), timeSynced);
        node.put("alarmId", e.alarmId());
        node.put("type", e.type().name());
        node.put("event", e.event().name());
        nullableText(node, "zone", e.zone());
        fixed(node, "positionM", e.positionM(), 1);
        stringArray(node.putArray("sensors"), e.sensors());
        decimal(node, "value", e.value(), 3);
        nullableText(node, "unit", e.unit());
        node.put("reason", e.reason());
        node.put("test", e.test());
        extent(node, e.extent());
        return bytes(node);
    }

    /** A FIRE's or PRE_ALARM's {@code extentM} ({@code [from, to]}, 1 decimal) and {@code spread}. */
    private static void extent(ObjectNode node, io.ductwatch.gateway.core.Extent extent) {
        if (extent == null) {
            return;
        }
        ArrayNode range = node.putArray("extentM");
        range.add(BigDecimal.valueOf(extent.fromM()).setScale(1, RoundingMode.HALF_UP));
        range.add(BigDecimal.valueOf(extent.toM()).setScale(1, RoundingMode.HALF_UP));
        node.put("spread", extent.spread().word());
    }

    /** One batch of readings: a sampling cycle, or a stretch of the backlog. */
    public byte[] readings(long seq, Instant at, List<Reading> readings, boolean timeSynced) {
        ObjectNode node = envelope(seq, at, timeSynced);
        ArrayNode list = node.putArray("readings");
        for (Reading r : readings) {
            ObjectNode item = list.addObject();
            item.put("sensor", r.sensorId());
            item.put("quantity", r.quantity().name());
            decimal(item, "value", r.value(), 4);
            nullableText(item, "unit", r.quantity().unit());
            item.put("quality", r.quality().name());
            if (!r.detail().isEmpty()) {
                item.put("detail", r.detail());
            }
            item.put("ts", timestamp(r.at()));
        }
        return bytes(node);
    }

    /** One sensor's readings over one minute, after thinning. */
    public record Aggregate(String sensor, String quantity, String unit, Instant minute, double min, double max,
                            double mean, int count, int faults) {
    }

    /** Readings thinned to one-minute aggregates (a store near its cap). */
    public byte[] aggregates(long seq, Instant at, List<Aggregate> aggregates, boolean timeSynced) {
        ObjectNode node = envelope(seq, at, timeSynced);
        ArrayNode list = node.putArray("readings");
        for (Aggregate a : aggregates) {
            ObjectNode item = list.addObject();
            item.put("sensor", a.sensor());
            item.put("quantity", a.quantity());
            decimal(item, "value", a.mean(), 4);
            nullableText(item, "unit", a.unit());
            item.put("quality", a.count() > 0 ? "OK" : "NO_RESPONSE");
            item.put("ts", timestamp(a.minute()));
            item.put("periodS", 60);
            decimal(item, "min", a.min(), 4);
            decimal(item, "max", a.max(), 4);
            item.put("count", a.count());
            item.put("faults", a.faults());
        }
        return bytes(node);
    }

    /** Seq ranges created but no longer deliverable, announced so that no loss is silent. */
    public byte[] gap(long seq, Instant at, List<long[]> ranges, String reason, boolean timeSynced) {
        ObjectNode node = envelope(seq, at, timeSynced);
        ArrayNode list = node.putArray("ranges");
        for (long[] range : ranges) {
            list.addArray().add(range[0]).add(range[1]);
        }
        node.put("reason", reason);
        return bytes(node);
    }

    /** The set of active alarms (retained). */
    public byte[] active(Instant at, List<ActiveAlarm> alarms) {
        ObjectNode node = JSON.createObjectNode();
        node.put("ts", timestamp(at));
        node.put("bootId", bootId);
        ArrayNode list = node.putArray("alarms");
        for (ActiveAlarm a : alarms) {
            ObjectNode item = list.addObject();
            item.put("alarmId", a.alarmId());
            item.put("type", a.type().name());
            nullableText(item, "zone", a.zone());
            fixed(item, "positionM", a.positionM(), 1);
            stringArray(item.putArray("sensors"), a.sensors());
            item.put("reason", a.reason());
            item.put("raisedAt", timestamp(a.raisedAt()));
            item.put("acknowledged", a.acknowledged());
            item.put("silenced", a.silenced());
            item.put("latched", !a.conditionPresent());
            item.put("test", a.test());
            extent(item, a.extent());
        }
        return bytes(node);
    }

    /** The gateway's own state (retained); the will sends {@link #offline}. */
    public byte[] status(GatewayStatus s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("online", s.online());
        node.put("bootId", bootId);
        node.put("startedAt", timestamp(s.startedAt()));
        node.put("ts", timestamp(s.at()));
        node.put("version", s.version());
        node.put("uplink", s.uplink());
        ObjectNode buffer = node.putObject("buffer");
        buffer.put("pending", s.pending());
        if (s.oldestPending() == null) {
            buffer.putNull("oldestTs");
        } else {
            buffer.put("oldestTs", timestamp(s.oldestPending()));
        }
        ObjectNode sensors = node.putObject("sensors");
        sensors.put("ok", s.sensorsOk());
        sensors.put("faulty", s.sensorsFaulty());
        node.put("lastSeq", s.lastSeq());
        node.put("timeSynced", s.timeSynced());
        return bytes(node);
    }

    /** The retained status the broker publishes as the will when the gateway vanishes. */
    public byte[] offline(Instant startedAt, String version) {
        ObjectNode node = JSON.createObjectNode();
        node.put("online", false);
        node.put("bootId", bootId);
        node.put("startedAt", timestamp(startedAt));
        node.put("version", version);
        node.put("uplink", "lost");
        return bytes(node);
    }

    /** The answer to an operator command. */
    public byte[] commandResult(long seq, Instant at, String command, String requestId, boolean ok, String message,
                                boolean timeSynced) {
        ObjectNode node = envelope(seq, at, timeSynced);
        node.put("command", command);
        nullableText(node, "requestId", requestId);
        node.put("ok", ok);
        node.put("message", message);
        return bytes(node);
    }

    /** One SMS of the fallback path, sent or received, and what came of it. */
    public byte[] sms(long seq, SmsRecord r, boolean timeSynced) {
        ObjectNode node = envelope(seq, r.at(), timeSynced);
        node.put("direction", r.direction());
        node.put("number", r.number());
        nullableText(node, "recipient", r.recipient());
        node.put("text", r.text());
        node.put("outcome", r.outcome());
        node.put("detail", r.detail());
        nullableText(node, "alarmId", r.alarmId());
        return bytes(node);
    }

    private ObjectNode envelope(long seq, Instant at, boolean timeSynced) {
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", seq);
        node.put("ts", timestamp(at));
        node.put("timeSynced", timeSynced);
        node.put("bootId", bootId);
        return node;
    }

    private static void nullableText(ObjectNode node, String field, String text) {
        if (text == null || text.isEmpty()) {
            node.putNull(field);
        } else {
            node.put(field, text);
        }
    }

    private static void decimal(ObjectNode node, String field, double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros());
        }
    }

    /** A number with exactly {@code places} decimals ({@code 175.0}, not {@code 175}), or null. */
    private static void fixed(ObjectNode node, String field, double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP));
        }
    }

    private static void stringArray(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a payload", e);
        }
    }
}
