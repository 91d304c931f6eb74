package io.ductwatch.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fleet}'s input, checked before anything runs: the count, and a scenario against the whole duct. */
class FleetCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine line = SimulatorMain.commandLine();
        line.setErr(new PrintWriter(err, true));
        line.setOut(new PrintWriter(new StringWriter(), true));
        return line.execute(args);
    }

    @Test
    void a_fleet_of_no_gateways_or_too_many_is_refused() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "fleet", "--gateways", "0")).isEqualTo(2);
        assertThat(run(err, "fleet", "--gateways", "101")).isEqualTo(2);
        assertThat(err.toString()).contains("fleet: --gateways takes 1 to 100, not 0", "not 101");
    }

    @Test
    void scenario_positions_are_checked_against_the_whole_duct_of_the_fleet() throws Exception {
        Path scenario = Files.writeString(dir.resolve("far.yaml"), """
                name: far
                durationS: 60
                events:
                  - { atS: 10, fire: { positionM: 650.0, growth: fast } }
                """);
        StringWriter err = new StringWriter();

        assertThat(run(err, "fleet", "--gateways", "3", "--scenario", scenario.toString(), "--report",
                dir.resolve("r").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("events[0].fire.positionM: 650.0 m is outside the duct (0.0 to 600.0 m)");
    }
}
