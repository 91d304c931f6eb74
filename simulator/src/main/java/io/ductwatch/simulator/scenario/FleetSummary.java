package io.ductwatch.simulator.scenario;

import static io.ductwatch.simulator.scenario.ReportWriter.escape;
import static io.ductwatch.simulator.scenario.ReportWriter.fmt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a fleet run found (DESIGN 2.5, {@code fleet-summary.json}): each gateway's section, delivery and
 * reconnections after each broker loss; the broker losses; each fire with every FIRE any gateway raised for
 * it. {@link #write} writes the JSON and {@link #writeReport} a self-contained page of the same.
 */
public record FleetSummary(String scenario, long seed, List<Gateway> gateways, List<BrokerLoss> brokerRestarts,
                           List<Fire> fires) {

    /** A gateway: its section's start, what a subscriber received of it, when it reconnected after each loss. */
    public record Gateway(String id, double startM, Summary.Delivery delivery, List<Double> reconnectAtS) {
    }

    /** A broker loss: how widely the fleet spread its reconnections, and the most in any one second. */
    public record BrokerLoss(double spreadS, int maxPerSecond, int reconnected) {
    }

    /** A fire of the scenario and every FIRE raised for it. */
    public record Fire(double atS, double positionM, List<Raised> raised) {
    }

    /** A FIRE a gateway raised: when (seconds from the start) and where. */
    public record Raised(String gateway, double atS, double positionM) {
    }

    /** Every gateway delivered everything it created: nothing lost, by the gateways or by the broker. */
    public long lost() {
        return gateways.stream().mapToLong(g -> g.delivery().lost() + g.delivery().brokerLost()).sum();
    }

    public void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("scenario", scenario);
        root.put("seed", seed);
        ArrayNode gws = root.putArray("gateways");
        for (Gateway g : gateways) {
            ObjectNode node = gws.addObject().put("id", g.id()).put("startM", g.startM());
            Summary.Delivery d = g.delivery();
            node.putObject("delivery").put("published", d.published()).put("delivered", d.delivered())
                    .put("announcedGaps", d.announcedGaps()).put("lost", d.lost()).put("brokerLost", d.brokerLost())
                    .put("duplicates", d.duplicates());
            ArrayNode back = node.putArray("reconnectAtS");
            g.reconnectAtS().forEach(s -> {
                if (s == null || s.isNaN()) {
                    back.addNull();
                } else {
                    back.add(Math.round(s * 1000) / 1000.0);
                }
            });
        }
        ArrayNode losses = root.putArray("brokerRestarts");
        brokerRestarts.forEach(l -> losses.addObject().put("spreadS", Math.round(l.spreadS() * 1000) / 1000.0)
                .put("maxPerSecond", l.maxPerSecond()).put("reconnected", l.reconnected()));
        ArrayNode fireArray = root.putArray("fires");
        for (Fire f : fires) {
            ObjectNode node = fireArray.addObject().put("atS", f.atS()).put("positionM", f.positionM());
            ArrayNode raised = node.putArray("alarms");
            f.raised().forEach(r -> raised.addObject().put("gateway", r.gateway()).put("atS", r.atS())
                    .put("positionM", Math.round(r.positionM() * 10) / 10.0));
        }
        Files.writeString(file, json.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    /** A page for people: the fleet's gateways, its broker losses and its fires, as tables. */
    public void writeReport(Path file) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>ductwatch fleet: " + escape(scenario) + "</title><style>body{font-family:sans-serif;"
                + "margin:2em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.3em .6em;"
                + "text-align:right}caption{text-align:left;font-weight:bold}.wide{overflow-x:auto}</style>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>");
        html.append("<h1>Fleet run: ").append(escape(scenario)).append("</h1><p>").append(gateways.size())
                .append(" gateways along one duct, seed ").append(seed).append(", ").append(lost())
                .append(" messages lost in all.</p>");
        html.append("<div class=\"wide\"><table id=\"gateways\"><caption>Gateways</caption><tr><th>gateway</th>"
                + "<th>section from (m)</th><th>published</th><th>delivered</th><th>lost</th><th>broker lost</th><th>reconnected after (s)</th></tr>");
        for (Gateway g : gateways) {
            html.append("<tr><td>").append(escape(g.id())).append("</td><td>").append(fmt(g.startM())).append("</td><td>")
                    .append(g.delivery().published()).append("</td><td>").append(g.delivery().delivered())
                    .append("</td><td>").append(g.delivery().lost()).append("</td><td>").append(g.delivery().brokerLost())
                    .append("</td><td>").append(String.join(", ", g.reconnectAtS().stream()
                            .map(s -> s == null || s.isNaN() ? "not yet" : fmt(s)).toList())).append("</td></tr>");
        }
        html.append("</table></div><div class=\"wide\"><table id=\"losses\"><caption>Broker losses</caption>"
                + "<tr><th>#</th><th>reconnections spread over (s)</th><th>most in one second</th><th>gateways back</th></tr>");
        for (int i = 0; i < brokerRestarts.size(); i++) {
            BrokerLoss l = brokerRestarts.get(i);
            html.append("<tr><td>").append(i + 1).append("</td><td>").append(fmt(l.spreadS())).append("</td><td>")
                    .append(l.maxPerSecond()).append("</td><td>").append(l.reconnected()).append("</td></tr>");
        }
        html.append("</table></div><div class=\"wide\"><table id=\"fires\"><caption>Fires and the FIREs raised"
                + " for them</caption><tr><th>fire at (m)</th><th>ignition (s)</th><th>gateway</th><th>FIRE at (s)</th><th>located at (m)</th></tr>");
        for (Fire f : fires) {
            if (f.raised().isEmpty()) {
                html.append("<tr><td>").append(fmt(f.positionM())).append("</td><td>").append(fmt(f.atS()))
                        .append("</td><td colspan=\"3\">no FIRE</td></tr>");
            }
            for (Raised r : f.raised()) {
                html.append("<tr><td>").append(fmt(f.positionM())).append("</td><td>").append(fmt(f.atS()))
                        .append("</td><td>").append(escape(r.gateway())).append("</td><td>").append(fmt(r.atS()))
                        .append("</td><td>").append(fmt(r.positionM())).append("</td></tr>");
            }
        }
        html.append("</table></div></body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }
}
