package io.ductwatch.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProbeCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = SimulatorMain.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void prints_the_steady_state_as_one_json_object() throws Exception {
        int code = run("probe", "--hrr", "100", "--height", "2.5", "--width", "2.0", "--airflow", "0.5",
                "--offset", "5");

        assertThat(code).isZero();
        assertThat(out.toString().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("gasRiseK").asDouble()).isEqualTo(41.951);
        assertThat(json.get("delayS").asDouble()).isEqualTo(2.071);
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("gasRiseK", "delayS", "obscurationPctPerM", "localVelocityMs");
    }

    @Test
    void prints_the_state_after_ignition_of_a_growing_fire() throws Exception {
        int code = run("probe", "--growth", "medium", "--at", "40", "--height", "2.5", "--width", "2.0",
                "--airflow", "0.5", "--offset", "32");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("gasRiseK").asDouble()).isEqualTo(2.149);
        assertThat(json.get("delayS").asDouble()).isEqualTo(23.5);
        assertThat(json.get("obscurationPctPerM").asDouble()).isEqualTo(7.204);
    }

    @Test
    void bad_input_is_a_clear_error_with_exit_two() {
        assertThat(run("probe", "--hrr", "100", "--growth", "medium", "--at", "4", "--height", "2.5", "--width", "2",
                "--airflow", "0.5", "--offset", "5")).isEqualTo(2);
        assertThat(run("probe", "--growth", "blazing", "--at", "4", "--height", "2.5", "--width", "2",
                "--airflow", "0.5", "--offset", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("no growth class 'blazing'");
        assertThat(run("probe", "--hrr", "100", "--height", "-1", "--width", "2", "--airflow", "0.5",
                "--offset", "5")).isEqualTo(2);
        assertThat(run("probe", "--hrr", "100")).isEqualTo(2);
    }

    @Test
    void a_number_that_is_not_finite_is_refused_never_printed_as_invalid_json() {
        assertThat(run("probe", "--hrr", "NaN", "--height", "2.5", "--width", "2", "--airflow", "0.5",
                "--offset", "5")).isEqualTo(2);
        assertThat(run("probe", "--hrr", "100", "--height", "2.5", "--width", "2", "--airflow", "0.5",
                "--offset", "Infinity")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("every number must be finite");
    }
}
