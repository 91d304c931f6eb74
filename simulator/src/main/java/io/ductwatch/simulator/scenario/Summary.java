package io.ductwatch.simulator.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run found (DESIGN 2.5). Everything outside {@link #delivery()} depends only on the scenario, the
 * site and the seed, never on wall time, boot ids or paths, so the same seed writes the same bytes.
 */
public record Summary(String scenario, long seed, double simulatedS, List<Ignition> ignitions, List<Alarm> alarms,
                      Map<String, Double> firstAlarmS, Double firstFireS, Double locationErrorM,
                      Double refinedLocationErrorM, int falseAlarms, List<Alarm> troubles, List<Sms> fallback,
                      Delivery delivery) {

    public record Ignition(double atS, double positionM) {
    }

    /** An alarm event as the run saw it, times in seconds from the start. */
    public record Alarm(String type, String event, double atS, Double positionM, String zone, List<String> sensors,
                        String reason) {
    }

    /** An SMS the fallback modem sent: when (seconds from the start), to whom, what. */
    public record Sms(double atS, String to, String text) {
    }

    /**
     * What a subscriber received of the seqs the gateway created.
     *
     * @param lost       created, neither delivered nor announced, and never acknowledged by the broker: the
     *                   gateway's loss
     * @param brokerLost acknowledged by the broker and never delivered to its subscriber (a broker restarted
     *                   without persistence, a subscriber's queue overflowing): the broker's loss
     */
    public record Delivery(long published, long delivered, long announcedGaps, long lost, long brokerLost,
                           long duplicates) {
    }

    public void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        ObjectNode root = json.createObjectNode();
        root.put("scenario", scenario);
        root.put("seed", seed);
        root.put("simulatedS", round(simulatedS, 3));
        ArrayNode ign = root.putArray("ignitions");
        ignitions.forEach(i -> ign.addObject().put("atS", round(i.atS(), 3)).put("positionM", round(i.positionM(), 1)));
        alarmArray(root.putArray("alarms"), alarms);
        ObjectNode first = root.putObject("firstAlarmS");
        firstAlarmS.forEach((type, s) -> {
            if (s == null) {
                first.putNull(type);
            } else {
                first.put(type, round(s, 3));
            }
        });
        orNull(root, "firstFireS", firstFireS, 3);
        orNull(root, "locationErrorM", locationErrorM, 1);
        orNull(root, "refinedLocationErrorM", refinedLocationErrorM, 1);
        root.put("falseAlarms", falseAlarms);
        alarmArray(root.putArray("troubles"), troubles);
        ArrayNode sms = root.putArray("fallback");
        fallback.forEach(m -> sms.addObject().put("atS", round(m.atS(), 3)).put("to", m.to()).put("text", m.text()));
        ObjectNode d = root.putObject("delivery");
        d.put("published", delivery.published()).put("delivered", delivery.delivered())
                .put("announcedGaps", delivery.announcedGaps()).put("lost", delivery.lost())
                .put("brokerLost", delivery.brokerLost()).put("duplicates", delivery.duplicates());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json.writeValueAsString(root) + "\n");
    }

    private static void orNull(ObjectNode node, String field, Double value, int places) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, round(value, places));
        }
    }

    private static void alarmArray(ArrayNode array, List<Alarm> alarms) {
        for (Alarm a : alarms) {
            ObjectNode item = array.addObject();
            item.put("type", a.type());
            item.put("event", a.event());
            item.put("atS", round(a.atS(), 3));
            if (a.positionM() == null) {
                item.putNull("positionM");
            } else {
                item.put("positionM", round(a.positionM(), 1));
            }
            item.put("zone", a.zone());
            ArrayNode sensors = item.putArray("sensors");
            a.sensors().forEach(sensors::add);
            item.put("reason", a.reason());
        }
    }

    private static BigDecimal round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
