package io.ductwatch.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CheckConfigCommandTest {

    private static final Path SITES = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/sites").normalize();
    private static final Path FIXTURES = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/src/test/resources/invalid").normalize();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = GatewayMain.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void valid_site_exits_zero_and_says_what_it_found() {
        int code = run("check-config", SITES.resolve("example-duct.yaml").toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("valid: site example-duct, gateway gw01, 2 zones, 35 sensors, 3 outputs");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void invalid_site_exits_two_with_every_problem_on_stderr() {
        String file = FIXTURES.resolve("poll-bounds.yaml").toString();

        int code = run("check-config", file);

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines())
                .contains(file + ":7:100: sensors[0].pollMs: 500 is out of range (1000 to 60000)",
                        file + ":14:23: watchdog.timeoutS: 60 is out of range (2 to 15)")
                .filteredOn(l -> l.matches(java.util.regex.Pattern.quote(file) + ":\\d+:\\d+: .*")).hasSize(7);
        assertThat(err.toString()).endsWith(file + ": 7 problems" + System.lineSeparator());
    }

    @Test
    void missing_file_is_an_invalid_site_not_a_stack_trace() {
        int code = run("check-config", "no/such/site.yaml");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("no/such/site.yaml:1:1: (document): no such file");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void missing_argument_is_a_usage_error() {
        assertThat(run("check-config")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void version_prints_the_build_version() {
        assertThat(run("version")).isZero();
        assertThat(out.toString()).matches("ductwatch-gateway \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void no_command_is_a_usage_error_listing_the_commands() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("check-config", "version");
    }
}
