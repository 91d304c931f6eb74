package io.ductwatch.gateway.app;

import io.ductwatch.config.ConfigProblem;
import io.ductwatch.config.InvalidConfigException;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code check-config FILE}: validates a site file and reads every file it points to as the gateway will
 * (PSK, credentials, TLS). Exit 0 when valid; exit 2 when not, with every problem on stderr as
 * {@code FILE:LINE:COLUMN: PATH: MESSAGE} (DESIGN 2.1).
 */
@Command(name = "check-config", description = "Validate a site file; print every problem.")
final class CheckConfigCommand implements Callable<Integer> {

    static final int INVALID = 2;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SiteFileArgument siteFile;

    @Override
    public Integer call() {
        String file = siteFile.file();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SiteConfig site = SiteLoader.load(Path.of(file), file);
            List<ConfigProblem> files = SiteFiles.check(site, Instant.now());
            if (!files.isEmpty()) {
                throw new InvalidConfigException(files);
            }
            out.printf("%s: valid: site %s, gateway %s, %d zones, %d sensors, %d outputs%n", file, site.site().id(),
                    site.gateway().id(), site.zones().size(), site.sensors().size(), site.outputs().size());
            return 0;
        } catch (InvalidConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                err.println(problem);
            }
            err.printf("%s: %d %s%n", file, e.problems().size(), e.problems().size() == 1 ? "problem" : "problems");
            return INVALID;
        }
    }
}
