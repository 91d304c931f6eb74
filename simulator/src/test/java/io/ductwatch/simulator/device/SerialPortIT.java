package io.ductwatch.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ductwatch.gateway.app.ExecutorScheduler;
import io.ductwatch.gateway.core.fallback.IncomingSms;
import io.ductwatch.gateway.core.fallback.SmsGateway.SmsOutcome;
import io.ductwatch.gateway.modem.CellularModem;
import io.ductwatch.gateway.modem.JSerialCommLine;
import io.ductwatch.gateway.modem.SerialLine;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's modem driver on a real serial port: jSerialComm opens one end of a pseudo-terminal pair made
 * by {@code socat} (what a USB modem's {@code /dev/ttyUSB2} is to the kernel: a tty), and the emulated modem
 * answers on the other end, in real time. The pair is cut and made again, as a USB reset does, and the
 * gateway opens the port again by its name. Needs {@code socat}: it runs with {@code -Dductwatch.interop=true}
 * (as {@code .ci/run} does, which installs socat) and then fails, not skips, without it.
 */
@EnabledIfSystemProperty(named = "ductwatch.interop", matches = "true",
        disabledReason = "the real serial port test runs with -Dductwatch.interop=true (needs socat)")
class SerialPortIT {

    @TempDir
    Path dir;

    private final ExecutorScheduler modemTime = new ExecutorScheduler(Clock.systemUTC(), 1);
    private final ExecutorScheduler gatewayTime = new ExecutorScheduler(Clock.systemUTC(), 4);
    private final List<String> health = new CopyOnWriteArrayList<>();
    private final List<IncomingSms> incoming = new CopyOnWriteArrayList<>();
    private final List<SmsOutcome> outcomes = new CopyOnWriteArrayList<>();
    private Process socat;
    private Thread bridge;
    private CellularModem gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        cut();
        modemTime.close();
        gatewayTime.close();
    }

    /** A pty pair: the modem's end and the gateway's end, as links in the test's folder. */
    private void plugIn(EmulatedModem twin) throws Exception {
        Files.deleteIfExists(dir.resolve("modem"));
        Files.deleteIfExists(dir.resolve("gateway"));
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dir.resolve("modem"),
                "pty,raw,echo=0,link=" + dir.resolve("gateway")).redirectErrorStream(true).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("modem"))
                && Files.exists(dir.resolve("gateway")));
        Path end = dir.resolve("modem").toRealPath();
        InputStream fromGateway = new FileInputStream(end.toFile());
        OutputStream toGateway = new FileOutputStream(end.toFile());
        twin.open(new SerialLine.Listener() {
            @Override
            public void received(byte[] bytes) {
                try {
                    toGateway.write(bytes);
                    toGateway.flush();
                } catch (IOException e) {
                    // the pair was cut: the gateway finds out on its side
                }
            }

            @Override
            public void lost(String why) {
            }
        });
        bridge = new Thread(() -> {
            byte[] buffer = new byte[512];
            try (fromGateway; toGateway) {
                for (int n = fromGateway.read(buffer); n > 0; n = fromGateway.read(buffer)) {
                    twin.write(java.util.Arrays.copyOf(buffer, n));
                }
            } catch (IOException e) {
                // the pair was cut
            }
        }, "pty-bridge");
        bridge.setDaemon(true);
        bridge.start();
    }

    private void cut() throws InterruptedException {
        if (socat != null) {
            socat.destroy();
            socat.waitFor();
            socat = null;
        }
    }

    private String lastHealth() {
        return health.isEmpty() ? "" : health.get(health.size() - 1);
    }

    @Test
    void sets_up_sends_and_receives_over_a_tty_and_opens_it_again_after_it_vanished() throws Exception {
        EmulatedModem twin = new EmulatedModem("pty", modemTime, Optional.empty());
        plugIn(twin);
        gateway = new CellularModem(new JSerialCommLine(dir.resolve("gateway").toString(), 115200), gatewayTime,
                Optional::empty, incoming::add, (ok, reason) -> health.add(ok ? "ok: " + reason : "TROUBLE: " + reason))
                .start();

        await().atMost(Duration.ofSeconds(10)).until(() -> lastHealth().equals("ok: registered, signal -77 dBm"));
        gateway.send("+821055500101", "ductwatch example-duct/gw01 FIRE RAISED Z2 @143.2m", outcomes::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.sent()).isTrue());
        assertThat(twin.sent()).extracting(EmulatedModem.SentSms::text)
                .containsExactly("ductwatch example-duct/gw01 FIRE RAISED Z2 @143.2m");

        twin.receive("+821055500102", "STATUS");
        await().atMost(Duration.ofSeconds(10)).until(() -> !incoming.isEmpty());
        assertThat(incoming).singleElement().satisfies(sms -> assertThat(sms.text()).isEqualTo("STATUS"));

        cut();
        await().atMost(CellularModem.SUPERVISE_EVERY.plusSeconds(15)).until(() -> lastHealth().startsWith("TROUBLE"));

        EmulatedModem again = new EmulatedModem("pty", modemTime, Optional.empty());
        plugIn(again);
        await().atMost(CellularModem.SUPERVISE_EVERY.plusSeconds(15)).until(() -> lastHealth().startsWith("ok"));
        gateway.send("+821055500101", "after the reset", outcomes::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> !again.sent().isEmpty());
        assertThat(again.sent()).extracting(EmulatedModem.SentSms::text).containsExactly("after the reset");
    }
}
