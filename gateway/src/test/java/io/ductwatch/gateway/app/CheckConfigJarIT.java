package io.ductwatch.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runnable jar as an installer uses it: its own JVM, real exit codes, nothing but the problems. */
class CheckConfigJarIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path JAR = MODULE.resolve("target/ductwatch-gateway.jar");
    private static final Path REPO = MODULE.getParent();

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("check-config", ".out");
        Path err = Files.createTempFile("check-config", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(REPO.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("check-config finished").isTrue();
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void scan_on_a_board_without_i2c_says_what_is_missing_and_where_the_guide_enables_it() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/dev/i2c-1")), "this is a board with I2C");

        Result result = run("scan", "--config", "firmware-config/sites/example-duct.yaml");

        assertThat(result.code()).isEqualTo(ScanCommand.BOARD_MISSING);
        assertThat(result.err().lines().toList()).first().asString()
                .startsWith("I2C bus 1 is not enabled (/dev/i2c-1 is missing): see docs/install.md section 2");
        assertThat(result.err()).as("Pi4J never started: none of its lines").doesNotContain("pi4j", "Pi4J", "Sysfs");
    }

    @Test
    void accepts_every_shipped_site_without_secrets() throws Exception {
        for (String site : List.of("example-duct.yaml", "vault-50m.yaml")) {
            Result result = run("check-config", "firmware-config/sites/" + site);
            assertThat(result.code()).as(site + ": " + result.err()).isZero();
        }
    }

    @Test
    void rejects_an_invalid_site_with_exit_two_and_located_problems_only() throws Exception {
        String file = "firmware-config/src/test/resources/invalid/unknown-key.yaml";

        Result result = run("check-config", file);

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().lines()).containsExactly(
                file + ":8:5: sensors[1].address: missing required key for driver ads1115-loop",
                file + ":8:50: sensors[1].adress: unknown key 'adress'; did you mean 'address'?",
                file + ":9:76: sensors[2].romId: key 'romId' does not apply to driver gpio (it belongs to ds18b20)",
                file + ":12:1: outptus: unknown key 'outptus'; did you mean 'outputs'?",
                file + ":13:9: coap.opneReads: unknown key 'opneReads'; did you mean 'openReads'?",
                file + ": 5 problems");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void prints_its_version() throws Exception {
        Result result = run("version");
        assertThat(result.code()).isZero();
        assertThat(result.out()).startsWith("ductwatch-gateway ");
    }
}
