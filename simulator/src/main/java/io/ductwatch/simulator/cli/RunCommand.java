package io.ductwatch.simulator.cli;

import io.ductwatch.config.InvalidConfigException;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.simulator.scenario.Scenario;
import io.ductwatch.simulator.scenario.ScenarioRun;
import io.ductwatch.simulator.scenario.Summary;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run --site FILE --scenario FILE [--broker URL] [--speed FACTOR|max] [--seed N] [--report DIR]}:
 * the real gateway against the simulated duct. Exit 0 when the run completed (whatever it detected),
 * 2 on bad input.
 */
@Command(name = "run", description = "Run a scenario against the real gateway code on a simulated duct.")
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--site", required = true, paramLabel = "FILE", description = "The site file.")
    private Path site;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario file.")
    private Path scenario;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "ductwatch-report",
            description = "Folder for summary.json and report.html (default ductwatch-report).")
    private Path report;

    @Option(names = "--coap-port", paramLabel = "N",
            description = "CoAP port instead of the site file's, coaps:// on the next one; 0 picks free ones."
                    + " Printed at start.")
    private Integer coapPort;

    @Mixin
    private SimulationOptions simulation;

    @Mixin
    private LogFile logFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (simulation.speedFactor().isEmpty()) {
            err.println(simulation.speedProblem("run"));
            return 2;
        }
        double factor = simulation.speedFactor().getAsDouble();
        SiteConfig siteConfig;
        Scenario scenarioFile;
        try {
            siteConfig = Inputs.site(site);
            scenarioFile = Inputs.scenario(scenario, siteConfig);
        } catch (InvalidConfigException e) {
            e.problems().forEach(err::println);
            return 2;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("run: no such file: " + e.getFile());
            return 2;
        }
        if (coapPort != null) {
            if (coapPort < 0 || coapPort > 65534) {
                err.println("run: --coap-port " + coapPort + " is not a UDP port with a next one for coaps://"
                        + " (0 to 65534)");
                return 2;
            }
            siteConfig = siteConfig.withCoapPorts(coapPort, securePortFor(coapPort));
        }
        Path log = logFile.apply(report);
        return execute(spec, siteConfig, scenarioFile, simulation.seed(), factor, simulation.broker(), report, 60, log);
    }

    /** The coaps:// port that goes with {@code --coap-port N}: the next one, or a free one for 0. */
    static int securePortFor(int coapPort) {
        return coapPort == 0 ? 0 : coapPort + 1;
    }

    static int execute(CommandSpec spec, SiteConfig site, Scenario scenario, long seed, double speed,
                       Optional<URI> broker, Path report, double viewEvery, Path log) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Summary summary = new ScenarioRun(new ScenarioRun.Options(site, scenario, seed, speed, broker, report,
                viewEvery, new LiveView(out), notice -> {
                    out.println(notice);
                    out.flush();
                })).run();
        out.printf(java.util.Locale.ROOT, "%nscenario %s: %d alarm events, first FIRE %s, location error %s, %d false alarms, "
                        + "delivery: %d created, %d delivered, %d announced lost, %d lost silently, %d lost by the broker%n",
                summary.scenario(), summary.alarms().size(),
                summary.firstAlarmS().get("FIRE") == null ? "none"
                        : String.format(java.util.Locale.ROOT, "%.0f s after %s", summary.firstAlarmS().get("FIRE"),
                        scenario.firstThermalEventS().isPresent() ? "the first fire, smoulder or heat event" : "the start"),
                summary.locationErrorM() == null ? "n/a"
                        : String.format(java.util.Locale.ROOT, "%.1f m", summary.locationErrorM()), summary.falseAlarms(),
                summary.delivery().published(), summary.delivery().delivered(), summary.delivery().announcedGaps(),
                summary.delivery().lost(), summary.delivery().brokerLost());
        out.println("summary: " + report.toAbsolutePath().resolve("summary.json"));
        if (log != null) {
            out.println("logs: " + log);
        }
        out.println("report: " + report.toAbsolutePath().resolve("report.html"));
        return 0;
    }
}
