package io.ductwatch.simulator.cli;

import io.ductwatch.config.InvalidConfigException;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.simulator.scenario.FleetRun;
import io.ductwatch.simulator.scenario.FleetSummary;
import io.ductwatch.simulator.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet --gateways N [--site FILE] [--scenario FILE] [--broker URL] [--speed FACTOR|max] [--seed N]
 * [--report DIR]}: N gateways along one duct, each a section wired like the site, in one JVM against one
 * broker. Writes {@code DIR/fleet-summary.json} and {@code DIR/report.html}. Exit 0 when the run completed,
 * 2 on bad input.
 */
@Command(name = "fleet", description = "Run N gateways along one long duct against one broker.")
final class FleetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--gateways", required = true, paramLabel = "N", description = "How many gateways (1 to 100).")
    private int gateways;

    @Option(names = "--site", paramLabel = "FILE",
            description = "The site each section is wired like; default: the example site.")
    private Path site;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Scenario in absolute chainage along the whole duct; default: fleet-border-fire.")
    private Path scenario;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "ductwatch-fleet",
            description = "Folder for fleet-summary.json and report.html (default ductwatch-fleet).")
    private Path report;

    @Mixin
    private SimulationOptions simulation;

    @Mixin
    private LogFile logFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (gateways < 1 || gateways > 100) {
            err.println("fleet: --gateways takes 1 to 100, not " + gateways);
            return 2;
        }
        if (simulation.speedFactor().isEmpty()) {
            err.println(simulation.speedProblem("fleet"));
            return 2;
        }
        double factor = simulation.speedFactor().getAsDouble();
        SiteConfig base;
        Scenario events;
        try {
            base = site == null ? Inputs.builtInSite() : Inputs.site(site);
            SiteConfig whole = FleetRun.wholeDuct(base, gateways);
            events = scenario == null ? Inputs.builtInScenario("fleet-border-fire", whole)
                    : Inputs.scenario(scenario, whole);
        } catch (InvalidConfigException e) {
            e.problems().forEach(err::println);
            return 2;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("fleet: no such file: " + e.getFile());
            return 2;
        }
        Path log = logFile.apply(report);
        out.println("fleet: " + gateways + " gateways along " + String.format(Locale.ROOT, "%.0f m",
                gateways * base.duct().lengthM()) + ", scenario " + events.name() + "; log " + log);
        out.flush();
        FleetSummary summary = new FleetRun(new FleetRun.Options(base, gateways, events, simulation.seed(), factor,
                simulation.broker(), report, notice -> {
                    out.println(notice);
                    out.flush();
                })).run();
        for (FleetSummary.Fire fire : summary.fires()) {
            out.println(String.format(Locale.ROOT, "fire at %.1f m: ", fire.positionM())
                    + (fire.raised().isEmpty() ? "no FIRE" : String.join(", ", fire.raised().stream()
                    .map(r -> String.format(Locale.ROOT, "%s FIRE @%.1f m at %.0f s", r.gateway(), r.positionM(),
                            r.atS())).toList())));
        }
        summary.brokerRestarts().forEach(l -> out.println(String.format(Locale.ROOT,
                "broker lost: %d gateways back, spread over %.1f s, at most %d in one second", l.reconnected(),
                l.spreadS(), l.maxPerSecond())));
        out.println("lost: " + summary.lost());
        out.println("report: " + report.toAbsolutePath().resolve("report.html"));
        return 0;
    }
}
