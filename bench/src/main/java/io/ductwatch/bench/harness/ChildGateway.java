package io.ductwatch.bench.harness;

import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gateway under test in a process of its own, for faults the harness cannot make in its own JVM: a
 * {@code kill -9}, a full file system (in a mount namespace of its own). It prints {@code READY} once connected,
 * then answers one line per command read from stdin:
 * <ul>
 *   <li>{@code churn}: raise and reset FIRE at the call point about every 50 ms from now on (alarm commits);</li>
 *   <li>{@code press}: press the call point;</li>
 *   <li>{@code fill}: fill the store's file system with a filler file until it refuses more;</li>
 *   <li>{@code free}: delete the filler;</li>
 *   <li>{@code status}: {@code lastSeq=N pending=N trouble=REASON|REASON};</li>
 *   <li>{@code quit}: stop cleanly.</li>
 * </ul>
 * Arguments: sensors, broker URL, folder for the site file and the store.
 */
public final class ChildGateway {

    private ChildGateway() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[2]);
        var site = BenchSite.write(dir, Integer.parseInt(args[0]), dir.resolve("store.db"));
        Path filler = dir.resolve("filler");
        try (GatewayUnderTest gw = new GatewayUnderTest(site, args[1]);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            gw.awaitConnected(30_000);
            System.out.println("READY");
            String command;
            while ((command = in.readLine()) != null) {
                switch (command) {
                    case "churn" -> {
                        Thread churn = new Thread(() -> churn(gw), "churn");
                        churn.setDaemon(true);
                        churn.start();
                        System.out.println("OK");
                    }
                    case "press" -> {
                        gw.duct.setContact("mcp0", true);
                        System.out.println("OK");
                    }
                    case "fill" -> System.out.println("FILLED " + (fill(filler) >> 20) + "MB");
                    case "free" -> {
                        Files.deleteIfExists(filler);
                        System.out.println("FREED");
                    }
                    case "status" -> System.out.println("lastSeq=" + gw.gateway.outbox().lastSeq()
                            + " pending=" + gw.gateway.outbox().pending() + " trouble=" + troubles(gw));
                    case "quit" -> {
                        return;
                    }
                    default -> System.out.println("ERROR unknown command " + command);
                }
            }
        }
    }

    private static void churn(GatewayUnderTest gw) {
        try {
            while (true) {
                gw.duct.setContact("mcp0", true);
                Thread.sleep(25);
                gw.duct.setContact("mcp0", false);
                Thread.sleep(5);
                gw.gateway.runtime().engine().reset(Optional.empty(), "bench", Instant.now());
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes zeros until the file system refuses; returns the bytes written. */
    private static long fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            if (!full.getMessage().contains("No space left")) {
                throw full;
            }
        }
        return written;
    }

    private static String troubles(GatewayUnderTest gw) {
        return gw.gateway.runtime().engine().activeAlarms().stream().filter(a -> a.type() == AlarmType.TROUBLE)
                .map(ActiveAlarm::reason).map(r -> r.replace(' ', '_')).collect(Collectors.joining("|"));
    }
}
