package io.ductwatch.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code run}'s own options, checked before anything runs. */
class RunCommandTest {

    @Test
    void coap_port_moves_coaps_to_the_next_port_and_zero_picks_free_ones() {
        assertThat(RunCommand.securePortFor(15683)).isEqualTo(15684);
        assertThat(RunCommand.securePortFor(0)).isZero();
    }

    @Test
    void a_coap_port_without_a_next_port_is_refused() {
        StringWriter err = new StringWriter();
        CommandLine line = SimulatorMain.commandLine();
        line.setErr(new PrintWriter(err, true));
        java.nio.file.Path module = java.nio.file.Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        int code = line.execute("run", "--site", module.resolve("../firmware-config/sites/example-duct.yaml").toString(),
                "--scenario", module.resolve("scenarios/cable-fire-medium.yaml").toString(), "--coap-port", "65535");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--coap-port 65535 is not a UDP port with a next one for coaps://");
    }
}
