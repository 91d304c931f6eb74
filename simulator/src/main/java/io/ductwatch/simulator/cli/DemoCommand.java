package io.ductwatch.simulator.cli;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.simulator.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: a medium cable fire in the example duct, the real gateway detecting it, an embedded
 * broker, a live view in the terminal and a report at the end. Needs nothing but the jar.
 */
@Command(name = "demo", description = "A cable fire in the example duct, detected and reported live.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "ductwatch-demo",
            description = "Folder for summary.json and report.html (default ductwatch-demo).")
    private Path report;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "cable-fire-medium",
            description = "Built-in scenario: cable-fire-medium (default) or ahyeon-2018 (the fire cuts the uplink;"
                    + " the FIRE still goes out by SMS).")
    private String scenario;

    /** What each built-in demo scenario shows. */
    private static final java.util.Map<String, String> STORIES = java.util.Map.of(
            "cable-fire-medium", "a medium cable fire at 143 m, 5 minutes in",
            "ahyeon-2018", "a cable fire at 118 m whose heat cuts the uplink 30 s after ignition (Seoul, 2018)");

    @Mixin
    private LogFile logFile;

    @Override
    public Integer call() throws Exception {
        if (!STORIES.containsKey(scenario)) {
            spec.commandLine().getErr().println("demo: --scenario takes " + String.join(" or ", STORIES.keySet())
                    + ", not '" + scenario + "'");
            return 2;
        }
        Path log = logFile.apply(report);
        PrintWriter out = spec.commandLine().getOut();
        SiteConfig site = Inputs.builtInSite().withCoapPorts(0, 0);
        Scenario scenario = Inputs.builtInScenario(this.scenario, site);
        out.println("ductwatch demo: " + site.site().name() + ", " + site.duct().lengthM() + " m, zones "
                + String.join(" ", site.zones().stream().map(z -> z.id() + " " + z.fromM() + "-" + z.toM() + " m").toList()));
        out.println("scenario " + scenario.name() + ": " + STORIES.get(this.scenario) + "; "
                + (int) scenario.durationS() + " s of duct time, as fast as this machine runs it.");
        out.println("heat sensors t00..t20 as a strip: . <30 C  : <45 C  * <57 C  # >=57 C  X fault");
        out.println("an operator would watch a real broker with:  mosquitto_sub -h BROKER -v -q 1 -t 'ductwatch/"
                + site.site().id() + "/" + site.gateway().id() + "/#'");
        if (this.scenario.equals("cable-fire-medium")) {
            out.println("every FIRE also goes by SMS to two phones (an emulated modem); to watch that second path carry"
                    + " it when the fire burns the uplink: demo --scenario ahyeon-2018");
        }
        out.println();
        return RunCommand.execute(spec, site, scenario, 1, 0, Optional.empty(), report, 30, log);
    }
}
