package io.ductwatch.simulator.cli;

import io.ductwatch.simulator.scenario.ScenarioRun;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The duct as a strip in the terminal, one line per frame: each heat sensor as a character for its
 * temperature ({@code .} under 30 °C, {@code :} under 45, {@code *} under 57, {@code #} from 57, {@code X}
 * for a fault), the smoke detectors' values, and the zone alarms standing.
 */
final class LiveView implements Consumer<ScenarioRun.Frame> {

    private final PrintWriter out;

    LiveView(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(ScenarioRun.Frame frame) {
        StringBuilder strip = new StringBuilder();
        for (double c : frame.heatC().values()) {
            strip.append(Double.isNaN(c) ? 'X' : c < 30 ? '.' : c < 45 ? ':' : c < 57 ? '*' : '#');
        }
        StringBuilder smoke = new StringBuilder();
        for (Map.Entry<String, Double> s : frame.smokePctPerM().entrySet()) {
            smoke.append(String.format(Locale.ROOT, " %s %4.1f", s.getKey(), s.getValue()));
        }
        long t = Math.round(frame.atS());
        java.util.List<String> zoneAlarms = frame.activeAlarms().stream().filter(a -> !a.startsWith("TROUBLE")).toList();
        long troubles = frame.activeAlarms().size() - zoneAlarms.size();
        String alarms = String.join(", ", zoneAlarms) + (troubles == 0 ? "" : (zoneAlarms.isEmpty() ? "" : ", ")
                + troubles + " TROUBLE");
        out.printf(Locale.ROOT, "t+%02d:%02d |%s| smoke%%/m%s | %s%n", t / 60, t % 60, strip, smoke,
                alarms.isEmpty() ? "quiet" : alarms);
        out.flush();
    }
}
