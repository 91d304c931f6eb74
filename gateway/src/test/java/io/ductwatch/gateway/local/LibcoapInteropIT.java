package io.ductwatch.gateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local API from an independent client, libcoap's (Debian {@code libcoap3-bin}): {@code coap-client-notls}
 * over coap:// and {@code coap-client-openssl} with a PSK over coaps://. Runs with
 * {@code -Dductwatch.interop=true} (as {@code .ci/run} does) and fails, not skips, when the programs are missing.
 */
@EnabledIfSystemProperty(named = "ductwatch.interop", matches = "true",
        disabledReason = "interop with libcoap runs with -Dductwatch.interop=true (DESIGN 6)")
class LibcoapInteropIT {

    @TempDir
    Path dir;

    private final LocalApiIT server = new LocalApiIT();

    @BeforeEach
    void start() throws Exception {
        server.dir = dir;
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** Runs a libcoap client and returns what it printed (stdout and stderr), its exit code first. */
    private static String run(String program, String... args) throws Exception {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        boolean found = Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
        assertThat(found).as(program + " on PATH (Debian package libcoap3-bin)").isTrue();
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end in 30 s");
        }
        return "exit " + process.exitValue() + "\n" + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private String plain(String path) {
        return "coap://127.0.0.1:" + server.api.port() + path;
    }

    private String secure(String path) {
        return "coaps://127.0.0.1:" + server.api.securePort().orElseThrow() + path;
    }

    @Test
    void reads_over_coap_with_libcoap() throws Exception {
        String core = run("coap-client-notls", "-m", "get", plain("/.well-known/core"));
        assertThat(core).contains("</status>", "</sensors>", "</alarms>", "</alarms/reset>");
        assertThat(run("coap-client-notls", "-m", "get", plain("/sensors/t05"))).contains("\"sensor\":\"t05\"", "\"quality\":\"OK\"");
        assertThat(run("coap-client-notls", "-m", "get", plain("/status"))).contains("\"online\":true");
        assertThat(run("coap-client-notls", "-m", "get", "-B", "10", plain("/sensors"))).contains("\"sensor\":\"t20\"");
        assertThat(run("coap-client-notls", "-m", "get", plain("/nope"))).contains("4.04");
    }

    @Test
    void ack_over_coaps_with_a_write_identity_and_refusals_otherwise() throws Exception {
        String fire = server.raiseFire();
        String ack = "/alarms/" + fire + "/ack";

        assertThat(run("coap-client-notls", "-m", "post", plain(ack))).contains("4.01");
        assertThat(run("coap-client-openssl", "-m", "post", "-u", "viewer", "-k", LocalApiIT.READ_KEY_TEXT, secure(ack)))
                .contains("4.03");
        assertThat(run("coap-client-openssl", "-m", "post", "-u", "tech-1", "-k", "not-the-right-key-000", "-B", "5",
                secure(ack))).doesNotContain("\"ok\":true");
        assertThat(server.engine.activeAlarms()).filteredOn(a -> a.alarmId().equals(fire))
                .singleElement().satisfies(a -> assertThat(a.acknowledged()).isFalse());

        assertThat(run("coap-client-openssl", "-m", "get", "-u", "viewer", "-k", LocalApiIT.READ_KEY_TEXT,
                secure("/alarms"))).contains("\"type\":\"FIRE\"");
        assertThat(run("coap-client-openssl", "-m", "post", "-u", "tech-1", "-k", LocalApiIT.WRITE_KEY_TEXT, secure(ack)))
                .contains("\"ok\":true");
        assertThat(server.engine.activeAlarms()).filteredOn(a -> a.alarmId().equals(fire))
                .singleElement().satisfies(a -> assertThat(a.acknowledged()).isTrue());

        server.cycle(20.0, false);
        assertThat(run("coap-client-openssl", "-m", "post", "-u", "tech-1", "-k", LocalApiIT.WRITE_KEY_TEXT,
                "-t", "50", "-e", "{\"zone\":\"Z1\"}", secure("/alarms/reset"))).contains("\"ok\":true");
        assertThat(server.engine.activeAlarms()).noneMatch(a -> a.alarmId().equals(fire));
    }
}
