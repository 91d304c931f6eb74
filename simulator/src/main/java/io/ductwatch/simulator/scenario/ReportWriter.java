package io.ductwatch.simulator.scenario;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The human report of a run: one self-contained HTML file with SVG heat maps of the duct (gas
 * temperature and smoke, chainage across, time down), the sensors' chainages, the alarm and trouble
 * timeline, detection times and the location error. No script, no external file.
 */
final class ReportWriter {

    private final SiteConfig site;
    private final Scenario scenario;
    private final Summary summary;
    private final List<double[]> map;

    ReportWriter(SiteConfig site, Scenario scenario, Summary summary, List<double[]> map) {
        this.site = site;
        this.scenario = scenario;
        this.summary = summary;
        this.map = map;
    }

    void write(Path file) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ductwatch: ")
                .append(escape(scenario.name())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;text-align:left}")
                .append(".FIRE{background:#f88}.PRE_ALARM{background:#fc8}.TROUBLE{background:#ddf}")
                .append("</style></head><body>");
        html.append("<h1>").append(escape(scenario.name())).append(" on ").append(escape(site.site().name()))
                .append("</h1><p>").append(fmt(summary.simulatedS())).append(" s simulated, seed ")
                .append(summary.seed()).append(".</p>");
        html.append("<h2>Detection</h2><table><tr><th>type</th><th>first raised, s after the first thermal event</th></tr>");
        summary.firstAlarmS().forEach((type, s) -> html.append("<tr><td>").append(type).append("</td><td>")
                .append(s == null ? "none" : fmt(s)).append("</td></tr>"));
        html.append("</table><p>Location error of the first FIRE: ")
                .append(summary.locationErrorM() == null ? "no FIRE" : fmt(summary.locationErrorM()) + " m")
                .append(". False alarms: ").append(summary.falseAlarms()).append(". Delivery: ")
                .append(summary.delivery().published()).append(" messages created, ")
                .append(summary.delivery().delivered()).append(" delivered, ")
                .append(summary.delivery().announcedGaps()).append(" announced lost, ")
                .append(summary.delivery().lost()).append(" lost silently by the gateway, ")
                .append(summary.delivery().brokerLost()).append(" lost by the broker after it acknowledged them, ")
                .append(summary.delivery().duplicates()).append(" duplicates.</p>");
        heatMap(html, "Gas temperature at the ceiling (°C)", 1, 20, 120);
        heatMap(html, "Smoke obscuration (%/m)", 2, 0, 30);
        html.append("<h2>Sensors</h2><p>");
        for (SensorConfig s : site.sensors()) {
            html.append(escape(s.id())).append(" ").append(fmt(s.positionM())).append(" m; ");
        }
        html.append("</p><h2>Alarms and troubles</h2><table><tr><th>s</th><th>type</th><th>event</th><th>zone</th>")
                .append("<th>position m</th><th>sensors</th><th>reason</th></tr>");
        for (Summary.Alarm a : summary.alarms()) {
            html.append("<tr class=\"").append(a.type()).append("\"><td>").append(fmt(a.atS())).append("</td><td>")
                    .append(a.type()).append("</td><td>").append(a.event()).append("</td><td>")
                    .append(escape(a.zone())).append("</td><td>")
                    .append(a.positionM() == null ? "" : fmt(a.positionM())).append("</td><td>")
                    .append(escape(String.join(" ", a.sensors()))).append("</td><td>").append(escape(a.reason()))
                    .append("</td></tr>");
        }
        html.append("</table></body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /** One SVG map: a row per 10 s, a cell per 5 m, coloured from blue (low) to red (high). */
    private void heatMap(StringBuilder html, String title, int half, double low, double high) {
        if (map.isEmpty()) {
            return;
        }
        int cells = (map.get(0).length - 1) / 2;
        int cellW = 5;
        int cellH = 3;
        html.append("<h2>").append(escape(title)).append("</h2><p>Chainage 0 to ")
                .append(fmt(site.duct().lengthM())).append(" m across, time down (a row every 10 s); ")
                .append(fmt(low)).append(" blue to ").append(fmt(high)).append(" red.</p>");
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(cells * cellW).append("\" height=\"")
                .append(map.size() * cellH).append("\">");
        for (int r = 0; r < map.size(); r++) {
            double[] row = map.get(r);
            for (int c = 0; c < cells; c++) {
                double value = row[1 + (half - 1) * cells + c];
                double share = Math.max(0, Math.min(1, (value - low) / (high - low)));
                int red = (int) (255 * share);
                int blue = (int) (255 * (1 - share));
                html.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"rgb(%d,40,%d)\"/>",
                        c * cellW, r * cellH, cellW, cellH, red, blue));
            }
        }
        html.append("</svg>");
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
