package io.ductwatch.simulator.cli;

import io.ductwatch.config.InvalidConfigException;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.simulator.scenario.Scenario;
import io.ductwatch.simulator.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Site and scenario files for the simulator's commands: from disk, or built into the jar. */
final class Inputs {

    static final String BUILT_IN_SITE = "/io/ductwatch/simulator/sites/example-duct.yaml";
    static final String BUILT_IN_SCENARIOS = "/io/ductwatch/simulator/scenarios/";

    private Inputs() {
    }

    static SiteConfig site(Path file) throws InvalidConfigException {
        return SiteLoader.load(file, file.toString());
    }

    /** The example site built into the jar (it names no other file). */
    static SiteConfig builtInSite() throws InvalidConfigException {
        try (InputStream in = Inputs.class.getResourceAsStream(BUILT_IN_SITE)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN_SITE + " is missing from the simulator jar");
            }
            Path copy = Files.createTempFile("example-duct", ".yaml");
            Files.write(copy, in.readAllBytes());
            copy.toFile().deleteOnExit();
            return SiteLoader.load(copy, "example-duct.yaml (built in)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Scenario scenario(Path file, SiteConfig site) throws InvalidConfigException, IOException {
        Path folder = java.util.Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        return ScenarioLoader.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), folder, site);
    }

    static Scenario builtInScenario(String name, SiteConfig site) throws InvalidConfigException {
        String resource = BUILT_IN_SCENARIOS + name + ".yaml";
        try (InputStream in = Inputs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the simulator jar");
            }
            return ScenarioLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    name + ".yaml (built in)", site);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
