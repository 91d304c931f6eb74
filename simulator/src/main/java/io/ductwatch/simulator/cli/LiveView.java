package io.ductwatch.simulator.cli;

import io.ductwatch.simulator.scenario.ScenarioRun;
import io.ductwatch.simulator.scenario.Summary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The duct as a strip in the terminal, one line per frame: each heat sensor as a character for its
 * temperature ({@code .} under 30 °C, {@code :} under 45, {@code *} under 57, {@code #} from 57, {@code X}
 * for a fault), the smoke detectors' values, and the zone alarms standing; between them, each alarm event
 * and each SMS of the fallback modem as it comes.
 */
final class LiveView implements ScenarioRun.View {

    private final PrintWriter out;

    LiveView(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void alarm(Summary.Alarm alarm) {
        out.printf(Locale.ROOT, "%s   %s %s%s%s%s: %s%n", clock(alarm.atS()), alarm.event(), alarm.type(),
                alarm.zone().isEmpty() ? "" : " " + alarm.zone(),
                alarm.positionM() == null ? "" : String.format(Locale.ROOT, " @%.1f m", alarm.positionM()),
                alarm.sensors().isEmpty() ? "" : " [" + String.join(",", alarm.sensors()) + "]", alarm.reason());
        out.flush();
    }

    @Override
    public void scenario(double atS, String what) {
        out.printf(Locale.ROOT, "%s   -- %s%n", clock(atS), what);
        out.flush();
    }

    @Override
    public void sms(Summary.Sms sms) {
        out.printf(Locale.ROOT, "%s   SMS to %s: %s%n", clock(sms.atS()), sms.to(), sms.text());
        out.flush();
    }

    private static String clock(double atS) {
        long t = Math.round(atS);
        return String.format(Locale.ROOT, "t+%02d:%02d", t / 60, t % 60);
    }

    @Override
    public void frame(ScenarioRun.Frame frame) {
        StringBuilder strip = new StringBuilder();
        for (double c : frame.heatC().values()) {
            strip.append(Double.isNaN(c) ? 'X' : c < 30 ? '.' : c < 45 ? ':' : c < 57 ? '*' : '#');
        }
        StringBuilder smoke = new StringBuilder();
        for (Map.Entry<String, Double> s : frame.smokePctPerM().entrySet()) {
            smoke.append(String.format(Locale.ROOT, " %s %4.1f", s.getKey(), s.getValue()));
        }
        java.util.List<String> zoneAlarms = frame.activeAlarms().stream().filter(a -> !a.startsWith("TROUBLE")).toList();
        long troubles = frame.activeAlarms().size() - zoneAlarms.size();
        String alarms = String.join(", ", zoneAlarms) + (troubles == 0 ? "" : (zoneAlarms.isEmpty() ? "" : ", ")
                + troubles + " TROUBLE");
        out.printf(Locale.ROOT, "%s |%s| smoke%%/m%s | %s%n", clock(frame.atS()), strip, smoke,
                alarms.isEmpty() ? "quiet" : alarms);
        out.flush();
    }
}
