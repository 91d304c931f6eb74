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

    private static final String EXAMPLE = SITES.resolve("example-duct.yaml").toString();

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
        assertThat(err.toString()).contains("name the site file: check-config FILE, or check-config --config FILE");
    }

    @Test
    void every_command_takes_the_site_file_alone_or_as_config() {
        for (String command : new String[] {"check-config", "scan", "run"}) {
            assertThat(run(command)).as(command).isEqualTo(2);
            assertThat(err.toString()).as(command).contains("name the site file: " + command + " FILE, or "
                    + command + " --config FILE");
        }
        assertThat(run("check-config", "--config", EXAMPLE)).isZero();
        assertThat(run("check-config", EXAMPLE)).isZero();
        assertThat(run("check-config", EXAMPLE, "--config", EXAMPLE)).isZero();
        assertThat(run("check-config", EXAMPLE, "--config", "other.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("two site files, " + EXAMPLE + " and --config other.yaml: name one");
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

    /** The TLS example site in a folder of its own, with its secret files made from the test's TLS material. */
    private static Path tlsSite(Path dir, String psk, String credentials) throws Exception {
        Path secrets = java.nio.file.Files.createDirectories(dir.resolve("secrets"));
        Path tls = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/tls");
        java.nio.file.Files.copy(tls.resolve("ca.pem"), secrets.resolve("ca.pem"));
        java.nio.file.Files.copy(tls.resolve("client.pem"), secrets.resolve("gateway.pem"));
        java.nio.file.Files.copy(tls.resolve("client.key"), secrets.resolve("gateway.key"));
        java.nio.file.Files.writeString(secrets.resolve("coap-psk"), psk);
        java.nio.file.Files.writeString(secrets.resolve("mqtt-credentials"), credentials);
        java.nio.file.Files.writeString(secrets.resolve("modem.pin"), "1234\n");
        try (var files = java.nio.file.Files.list(secrets)) {
            for (Path file : files.toList()) {
                java.nio.file.Files.setPosixFilePermissions(file,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        }
        Path site = dir.resolve("site.yaml");
        java.nio.file.Files.copy(SITES.resolve("example-duct-tls.yaml"), site);
        return site;
    }

    private static final String GOOD_PSK = "technician-1," + "ab".repeat(16) + ",write\n";

    @Test
    void a_site_whose_secret_files_read_is_valid(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path site = tlsSite(dir, GOOD_PSK, "username=gw03\npassword=secret\n");
        assertThat(run("check-config", site.toString())).as(err.toString()).isZero();
    }

    @Test
    void a_psk_file_that_run_would_refuse_fails_check_config_with_its_line(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path site = tlsSite(dir, "# keys\ntech,zz,write\n", "username=gw03\npassword=secret\n");

        assertThat(run("check-config", site.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(dir.resolve("secrets/coap-psk") + ":2:1: coap.pskFile: key of 'tech'"
                + " is not hex");
    }

    @Test
    void a_credentials_file_that_run_would_refuse_fails_check_config(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path site = tlsSite(dir, GOOD_PSK, "user=gw03\n");

        assertThat(run("check-config", site.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(dir.resolve("secrets/mqtt-credentials") + ":1:1: uplink.credentialsFile:"
                + " unknown key 'user'");
    }

    @Test
    void a_pin_file_that_is_not_a_pin_fails_check_config_without_showing_it(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path site = tlsSite(dir, GOOD_PSK, "username=gw03\npassword=secret\n");
        java.nio.file.Files.writeString(dir.resolve("secrets/modem.pin"), "12a4\n");

        assertThat(run("check-config", site.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith(dir.resolve("secrets/modem.pin") + ":1:1: fallback.modem.pinFile: a SIM PIN is 4 to 8 digits,"
                        + " found 4 characters with non-digits")
                .doesNotContain("12a4");
    }

    @Test
    void a_key_that_does_not_match_its_certificate_fails_check_config(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path site = tlsSite(dir, GOOD_PSK, "username=gw03\npassword=secret\n");
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.nio.file.Files.writeString(dir.resolve("secrets/gateway.key"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        assertThat(run("check-config", site.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("uplink.tls: the private key does not belong to the client certificate");
    }

    @Test
    void a_deeply_nested_file_is_one_line_not_a_stack_trace(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path site = java.nio.file.Files.writeString(dir.resolve("deep.yaml"),
                "site: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n");

        assertThat(run("check-config", site.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(2).first().asString().contains("nested more than 32 levels deep");
    }
}
