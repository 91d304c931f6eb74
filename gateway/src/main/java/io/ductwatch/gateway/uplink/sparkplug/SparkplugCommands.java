package io.ductwatch.gateway.uplink.sparkplug;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ductwatch.config.ConfigProblem;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.gateway.uplink.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.model.MetricDataTypeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NCMD and DCMD of the edge node. {@code Node Control/Rebirth} = true on NCMD asks for a new birth. On a
 * zone's DCMD, {@code Commands/Acknowledge} = true acknowledges the zone's unacknowledged alarms and
 * {@code Commands/Reset} = true resets its latched ones: each becomes the native command ({@code cmd/ack}
 * per alarm, {@code cmd/reset} for the zone) and goes through the same rules as one from MQTT: the site's
 * {@code sparkplug.operator} must be listed in {@code uplink.operators} with that command, the payload's
 * timestamp is its {@code issuedAt} (60 s either way), its request id is drawn from the payload's bytes (a
 * replayed DCMD is a repeated request id and is refused), a retained DCMD is refused, and every outcome is
 * audited and answered on {@code cmd/result}. Metrics are found by name or by the alias of their birth.
 * Used on the node's thread; the native commands are handed on and carried out on the gateway's scheduler.
 */
final class SparkplugCommands {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugCommands.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Who a DCMD acts as when the site names no operator: not listed, so every DCMD is refused and audited. */
    static final String UNNAMED_OPERATOR = "sparkplug-host";

    private final SparkplugTopics topics;
    private final Topics nativeTopics;
    private final String operator;
    private final MqttUplink.Inbound commands;

    SparkplugCommands(SparkplugTopics topics, Topics nativeTopics, Optional<String> operator,
                      MqttUplink.Inbound commands) {
        this.topics = topics;
        this.nativeTopics = nativeTopics;
        this.operator = operator.orElse(UNNAMED_OPERATOR);
        this.commands = commands;
    }

    /**
     * An NCMD or DCMD arrived.
     *
     * @param active the active alarms, to find a zone's
     * @return whether a rebirth was asked for
     */
    boolean arrived(String topic, byte[] payload, boolean retained, EdgeNodeModel model, List<ActiveAlarm> active) {
        String device = topics.dcmdDevice(topic);
        if (!topic.equals(topics.ncmd()) && device == null) {
            return false;
        }
        Optional<MetricTable> table = model.table(Optional.ofNullable(device));
        if (table.isEmpty()) {
            LOG.warn("Sparkplug DCMD for unknown device '{}' ignored", ConfigProblem.escape(device));
            return false;
        }
        SparkplugBPayload command;
        try {
            command = new SparkplugBPayloadDecoder().buildFromByteArray(payload, types(table.get()));
        } catch (Exception e) {
            LOG.warn("Sparkplug command on {} is not a Sparkplug B payload ({}); ignored", topic, e.toString());
            return false;
        }
        boolean rebirth = false;
        for (Metric metric : command.getMetrics()) {
            String name = name(metric, table.get());
            boolean set = Boolean.TRUE.equals(metric.getValue());
            if (device == null && EdgeNodeModel.REBIRTH.equals(name)) {
                if (retained) {
                    LOG.warn("a retained Sparkplug rebirth request is ignored: the broker would replay it at every connect");
                } else {
                    rebirth |= set;
                }
            } else if (device != null && EdgeNodeModel.ACKNOWLEDGE.equals(name) && set) {
                List<ActiveAlarm> unacknowledged = active.stream()
                        .filter(a -> a.zone().equals(device) && !a.acknowledged()).toList();
                if (unacknowledged.isEmpty()) {
                    LOG.info("Sparkplug DCMD: nothing to acknowledge in zone {}", device);
                }
                unacknowledged.forEach(alarm ->
                        hand("ack", json(command, payload, alarm.alarmId()).put("alarmId", alarm.alarmId()), retained));
            } else if (device != null && EdgeNodeModel.RESET.equals(name) && set) {
                hand("reset", json(command, payload, "reset").put("zone", device), retained);
            } else {
                LOG.warn("Sparkplug command metric '{}' on {} is not one the node accepts; ignored",
                        ConfigProblem.escape(String.valueOf(name)), topic);
            }
        }
        return rebirth;
    }

    private void hand(String command, ObjectNode json, boolean retained) {
        commands.arrived(nativeTopics.command(command), json.toString().getBytes(StandardCharsets.UTF_8), retained);
    }

    /** The native command's common fields; without a payload timestamp {@code issuedAt} is missing, and refused. */
    private ObjectNode json(SparkplugBPayload command, byte[] payload, String part) {
        ObjectNode json = JSON.createObjectNode();
        json.put("operator", operator);
        json.put("requestId", "sparkplug-" + digest(payload) + "-" + part);
        if (command.getTimestamp() != null) {
            json.put("issuedAt", DateTimeFormatter.ISO_INSTANT.format(
                    command.getTimestamp().toInstant().truncatedTo(ChronoUnit.MILLIS)));
        }
        return json;
    }

    private static String name(Metric metric, MetricTable table) {
        if (metric.hasName()) {
            return metric.getName();
        }
        return metric.hasAlias() ? table.byAlias(metric.getAlias()).map(MetricTable.Declared::name).orElse(null) : null;
    }

    private static MetricDataTypeMap types(MetricTable table) {
        MetricDataTypeMap types = new MetricDataTypeMap();
        table.declared().forEach(d -> {
            types.addMetricDataType(d.name(), d.type());
            types.addMetricDataType(d.alias(), d.type());
        });
        return types;
    }

    private static String digest(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
