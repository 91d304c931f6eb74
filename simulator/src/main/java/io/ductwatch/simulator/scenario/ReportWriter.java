package io.ductwatch.simulator.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.core.HeatPreset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human report of a run: one self-contained HTML file, readable offline. Its plots are drawn in the
 * browser by Apache ECharts (inlined, SVG): the duct's gas temperature and smoke over chainage and time with
 * the sensors, the true fire and the position the gateway located; the sensors nearest the fire over time
 * with their alarm thresholds; the alarm events on a timeline. The figures and every alarm event are
 * also plain tables, for a reader without script.
 */
final class ReportWriter {

    /** Most rows of a duct map; a longer run is thinned to this many (every k-th sample). */
    static final int MAX_MAP_ROWS = 180;
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SiteConfig site;
    private final Scenario scenario;
    private final Summary summary;
    private final RunTrace trace;

    ReportWriter(SiteConfig site, Scenario scenario, Summary summary, RunTrace trace) {
        this.site = site;
        this.scenario = scenario;
        this.summary = summary;
        this.trace = trace;
    }

    void write(Path file) throws IOException {
        StringBuilder html = new StringBuilder(2_000_000);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>ductwatch: ").append(escape(scenario.name())).append("</title><style>")
                .append(resource("report.css")).append("</style></head><body>");
        html.append("<h1>").append(escape(scenario.name())).append(" on ").append(escape(site.site().name()))
                .append("</h1><p>").append(fmt(summary.simulatedS())).append(" s simulated, seed ")
                .append(summary.seed()).append(", ").append(escape(site.duct().lengthM() + " m of duct, "
                        + site.sensors().size() + " sensors")).append(".</p>");
        figures(html);
        html.append("<h2>Gas temperature at the ceiling</h2><div class=\"plot map\" id=\"gas\"></div>")
                .append("<h2>Smoke obscuration</h2><div class=\"plot map\" id=\"smoke\"></div>")
                .append("<h2>Heat sensors nearest the fire</h2><div class=\"plot series\" id=\"heat\"></div>")
                .append("<h2>Smoke detectors nearest the fire</h2><div class=\"plot series\" id=\"smokeSensors\"></div>")
                .append("<h2>Alarm events</h2><div class=\"plot timeline\" id=\"timeline\"></div>");
        if (site.fallback().isPresent()) {
            fallback(html);
        }
        events(html);
        html.append("<script type=\"application/json\" id=\"data\">")
                .append(JSON.writeValueAsString(data()).replace("<", "\\u003c")).append("</script>")
                .append("<script>").append(resource(ECHARTS).replace("</script", "<\\/script")).append("</script>")
                .append("<script>").append(resource("report.js")).append("</script></body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private void figures(StringBuilder html) {
        html.append("<h2>Figures</h2><div class=\"tables\"><table><caption>Detection</caption>")
                .append("<tr><th>first raised</th><th>s after the first thermal event</th></tr>");
        summary.firstAlarmS().forEach((type, s) -> html.append("<tr><td>").append(type).append("</td><td>")
                .append(s == null ? "none" : fmt(s)).append("</td></tr>"));
        html.append("<tr><td>location error of the first FIRE</td><td>")
                .append(summary.locationErrorM() == null ? "no FIRE" : fmt(summary.locationErrorM()) + " m")
                .append("</td></tr><tr><td>the same 60 s later</td><td>")
                .append(summary.refinedLocationErrorM() == null ? "no FIRE" : fmt(summary.refinedLocationErrorM()) + " m")
                .append("</td></tr><tr><td>false alarms</td><td>").append(summary.falseAlarms())
                .append("</td></tr></table>");
        Summary.Delivery d = summary.delivery();
        html.append("<table><caption>Delivery to a subscriber on the broker</caption>");
        row(html, "messages created (seqs)", d.published());
        row(html, "delivered", d.delivered());
        row(html, "announced lost on gap", d.announcedGaps());
        row(html, "lost silently by the gateway", d.lost());
        row(html, "lost by the broker after it acknowledged them", d.brokerLost());
        row(html, "duplicates", d.duplicates());
        html.append("</table></div>");
    }

    /** The SMS the fallback modem sent, each marked with whether MQTT was cut then. */
    private void fallback(StringBuilder html) {
        List<double[]> outages = scenario.events().stream().filter(e -> e instanceof Scenario.Uplink)
                .map(e -> new double[] {e.atS(), e.atS() + ((Scenario.Uplink) e).durationS()}).toList();
        long duringOutage = summary.fallback().stream()
                .filter(m -> outages.stream().anyMatch(o -> m.atS() >= o[0] && m.atS() < o[1])).count();
        html.append("<h2>Fallback path: SMS</h2><p>").append(summary.fallback().size())
                .append(" SMS sent by the cellular modem, ").append(duringOutage)
                .append(" of them while the path to the broker was cut");
        outages.forEach(o -> html.append(" (").append(fmt(o[0])).append("-").append(fmt(o[1])).append(" s)"));
        html.append(". Every alarm and SMS record reaches MQTT once the link is back: see the delivery figures.</p>")
                .append("<table class=\"events sms\"><tr><th>s</th><th>to</th><th>MQTT</th><th>text</th></tr>");
        for (Summary.Sms m : summary.fallback()) {
            boolean cut = outages.stream().anyMatch(o -> m.atS() >= o[0] && m.atS() < o[1]);
            html.append("<tr").append(cut ? " class=\"cut\"" : "").append("><td>").append(fmt(m.atS()))
                    .append("</td><td>").append(escape(m.to())).append("</td><td>").append(cut ? "cut" : "up")
                    .append("</td><td>").append(escape(m.text())).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void row(StringBuilder html, String what, long value) {
        html.append("<tr><td>").append(what).append("</td><td>").append(value).append("</td></tr>");
    }

    private void events(StringBuilder html) {
        html.append("<details><summary>Every alarm event (").append(summary.alarms().size())
                .append(")</summary><table class=\"events\"><tr><th>s</th><th>type</th><th>event</th><th>zone</th>")
                .append("<th>position m</th><th>sensors</th><th>reason</th></tr>");
        for (Summary.Alarm a : summary.alarms()) {
            html.append("<tr class=\"").append(a.type()).append("\"><td>").append(fmt(a.atS())).append("</td><td>")
                    .append(a.type()).append("</td><td>").append(a.event()).append("</td><td>")
                    .append(escape(a.zone())).append("</td><td>")
                    .append(a.positionM() == null ? "" : fmt(a.positionM())).append("</td><td>")
                    .append(escape(String.join(" ", a.sensors()))).append("</td><td>").append(escape(a.reason()))
                    .append("</td></tr>");
        }
        html.append("</table></details>");
    }

    /** What report.js draws. */
    private ObjectNode data() {
        ObjectNode data = JSON.createObjectNode();
        data.put("startM", site.duct().startM()).put("lengthM", site.duct().lengthM())
                .put("simulatedS", summary.simulatedS())
                .put("cellM", RunTrace.CELL_M);
        List<RunTrace.DuctRow> rows = trace.duct();
        int stride = Math.max(1, (rows.size() + MAX_MAP_ROWS - 1) / MAX_MAP_ROWS);
        data.put("rowS", RunTrace.EVERY_S * stride);
        ArrayNode times = data.putArray("times");
        ArrayNode gas = data.putArray("gas");
        ArrayNode smoke = data.putArray("smoke");
        for (int r = stride - 1; r < rows.size(); r += stride) {
            RunTrace.DuctRow row = rows.get(r);
            times.add(row.atS());
            ArrayNode g = gas.addArray();
            ArrayNode s = smoke.addArray();
            for (int c = 0; c < row.gasC().length; c++) {
                g.add(round(row.gasC()[c]));
                s.add(round(row.smokePctPerM()[c]));
            }
        }
        ArrayNode sensors = data.putArray("sensors");
        site.sensors().stream().filter(s -> s.kind() == SensorConfig.Kind.HEAT || s.kind() == SensorConfig.Kind.SMOKE)
                .forEach(s -> sensors.addObject().put("id", s.id()).put("kind", s.kind().name())
                        .put("positionM", s.positionM()));
        ArrayNode fires = data.putArray("fires");
        summary.ignitions().forEach(i -> fires.addObject().put("atS", i.atS()).put("positionM", i.positionM()));
        ArrayNode alarms = data.putArray("alarms");
        for (Summary.Alarm a : summary.alarms()) {
            ObjectNode node = alarms.addObject().put("atS", a.atS()).put("type", a.type()).put("event", a.event())
                    .put("zone", a.zone()).put("reason", a.reason());
            if (a.positionM() != null) {
                node.put("positionM", a.positionM());
            }
            node.putArray("sensors").addAll(a.sensors().stream().map(JSON.getNodeFactory()::textNode).toList());
        }
        double near = nearestTo();
        data.put("nearM", near);
        series(data.putObject("heat"), SensorConfig.Kind.HEAT, 3, near, "°C",
                HeatPreset.named(site.rules().heatPreset()).staticC(),
                "HEAT static threshold (" + site.rules().heatPreset() + ")");
        series(data.putObject("smokeSensors"), SensorConfig.Kind.SMOKE, 2, near, "%/m",
                site.rules().smoke().alarmAt(), "SMOKE alarm threshold");
        return data;
    }

    /** The chainage the sensor plots centre on: the first fire, else the first alarm placed, else mid-duct. */
    private double nearestTo() {
        if (!summary.ignitions().isEmpty()) {
            return summary.ignitions().get(0).positionM();
        }
        return summary.alarms().stream().filter(a -> a.positionM() != null).map(Summary.Alarm::positionM)
                .findFirst().orElse(site.duct().startM() + site.duct().lengthM() / 2);
    }

    private void series(ObjectNode node, SensorConfig.Kind kind, int count, double near, String unit,
                        double threshold, String thresholdName) {
        node.put("unit", unit).put("threshold", threshold).put("thresholdName", thresholdName);
        ArrayNode lines = node.putArray("lines");
        Map<String, List<double[]>> readings = trace.sensors();
        site.sensors().stream().filter(s -> s.kind() == kind && readings.containsKey(s.id()))
                .sorted(Comparator.comparingDouble(s -> Math.abs(s.positionM() - near))).limit(count)
                .sorted(Comparator.comparingDouble(SensorConfig::positionM))
                .forEach(s -> {
                    ObjectNode line = lines.addObject().put("name", s.id() + " at " + fmt(s.positionM()) + " m");
                    ArrayNode points = line.putArray("points");
                    for (double[] p : readings.get(s.id())) {
                        ArrayNode point = points.addArray().add(p[0]);
                        if (Double.isNaN(p[1])) {
                            point.addNull();
                        } else {
                            point.add(round(p[1]));
                        }
                    }
                });
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String resource(String name) {
        try (InputStream in = ReportWriter.class.getClassLoader().getResourceAsStream(
                name.startsWith("META-INF") ? name : "io/ductwatch/simulator/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the report's " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One decimal, as every report page writes metres and seconds. */
    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Text made safe for HTML, attributes included. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
