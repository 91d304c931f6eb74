package io.ductwatch.bench.harness;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.store.SqliteOutbox;
import io.ductwatch.gateway.uplink.LastKnownAddresses;
import io.ductwatch.gateway.uplink.MqttUplink;
import io.ductwatch.simulator.net.FaultProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fault harness behind {@code bench/faults}: the real gateway on a bench site, publishing through a fault
 * proxy to a Mosquitto the harness owns, while an operator's ledger subscribes straight to the broker. Each
 * fault is made, held, and undone, with the call point pressed while it lasts; then every seq the gateway
 * created up to the repair must have arrived or been announced on {@code gap}. One line per fault:
 * {@code fault NAME did="..." seqs=N announced=N lost=N ...}. Exit status 1 when anything was lost or a fault
 * could not be made.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "Make the faults of DESIGN 5 and count what the gateway lost (run it through bench/faults).")
public final class FaultHarness implements Callable<Integer> {

    private static final String ROOT = "ductwatch/bench/gw01/";
    private static final int SENSORS = 100;

    @Option(names = "--hold", defaultValue = "30", description = "Seconds each fault lasts (default 30).")
    int holdS;

    @Option(names = "--kills", defaultValue = "20", description = "How many times the gateway is killed (default 20).")
    int kills;

    @Option(names = "--slow-fsync", paramLabel = "LIB",
            description = "The fsync-slowing shim (bench/slowfsync.c, built): every other life of kill-9 runs under it,"
                    + " each alarm's commit then taking 50 ms after its publish, so that the kills land between them.")
    Path slowFsync;

    @Option(names = "--only", split = ",", defaultValue = "broker-kill,network-cut,half-open,dns-failure,kill-9,disk-full",
            description = "Which faults (default all).")
    List<String> only;

    @Option(names = "--broker-pin", split = " ", description = "Command prefix pinning the broker, e.g. 'taskset -c 1'.")
    List<String> brokerPin = List.of();

    @Option(names = "--work", required = true, description = "Folder for stores, logs and the broker's files.")
    Path work;

    private final PrintStream out = System.out;
    private boolean failed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaultHarness()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(work);
        try (BrokerProcess broker = BrokerProcess.start(work, brokerPin)) {
            if (only.contains("broker-kill")) {
                network(broker, "broker-kill", "mosquitto killed with SIGKILL, started again after the hold",
                        f -> broker.kill(), f -> {
                            // The operator subscribes again before the gateway may return, so the ledger misses nothing.
                            f.proxy.mode(FaultProxy.Mode.DOWN);
                            broker.restart();
                            f.ledger.reconnect();
                            f.proxy.mode(FaultProxy.Mode.PASS);
                        });
            }
            if (only.contains("network-cut")) {
                network(broker, "network-cut", "every connection cut and new ones refused at the proxy",
                        f -> f.proxy.mode(FaultProxy.Mode.DOWN), f -> f.proxy.mode(FaultProxy.Mode.PASS));
            }
            if (only.contains("half-open")) {
                network(broker, "half-open", "the proxy keeps the connection open and forwards nothing either way",
                        f -> f.proxy.mode(FaultProxy.Mode.HALF_OPEN), f -> f.proxy.mode(FaultProxy.Mode.PASS));
            }
            if (only.contains("dns-failure")) {
                network(broker, "dns-failure", "the broker's name stops resolving and the connection drops",
                        f -> {
                            f.dnsFails = true;
                            f.proxy.dropAll();
                        }, f -> f.dnsFails = false);
            }
            if (only.contains("kill-9")) {
                killNine(broker);
            }
            if (only.contains("disk-full")) {
                diskFull(broker);
            }
        }
        return failed ? 1 : 0;
    }

    /** One network-side fault against an in-process gateway. */
    private void network(BrokerProcess broker, String name, String did, Step make, Step undo) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        SiteConfig site = BenchSite.write(dir, SENSORS, dir.resolve("store.db"));
        try (Fault fault = new Fault(broker);
             GatewayUnderTest gw = new GatewayUnderTest(site, "tcp://broker.bench.invalid:" + fault.proxy.port(),
                     new LastKnownAddresses(fault::resolve))) {
            gw.awaitConnected(20_000);
            Thread.sleep(3_000);
            long madeAt = System.nanoTime();
            make.run(fault);
            double noticed = awaitNotConnected(gw, 20_000, madeAt);
            long pressedAt = System.nanoTime();
            gw.duct.setContact("mcp0", true);
            Thread.sleep(holdS * 1000L);
            undo.run(fault);
            long undoneAt = System.nanoTime();
            long last = gw.gateway.outbox().lastSeq();
            long lost = fault.ledger.awaitAccounted(last, 120_000);
            long fireAt = fault.ledger.fireArrivedNanos();
            String alarm = fireAt < pressedAt ? "alarm=missing"
                    : fireAt < undoneAt ? "alarm-during-fault=" + seconds((fireAt - pressedAt) / 1e9) + "-after-press"
                    : "alarm-after-repair=" + seconds((fireAt - undoneAt) / 1e9);
            report(name, did, String.format(Locale.ROOT, "held=%ds seqs=%d announced=%d lost=%d repeats=%d"
                            + " uplink-noticed=%s %s", holdS, last, fault.ledger.announced(last), lost,
                    fault.ledger.repeats(), noticed < 0 ? "never" : seconds(noticed), alarm),
                    lost == 0 && fireAt > pressedAt);
        }
    }

    /** The gateway in a child JVM killed with SIGKILL at random points while it commits alarms and readings. */
    private void killNine(BrokerProcess broker) throws Exception {
        Path dir = Files.createDirectories(work.resolve("kill-9"));
        Random random = new Random(20261127);
        int intact = 0;
        try (Ledger ledger = Ledger.open(broker.url(), ROOT)) {
            int slowLives = 0;
            for (int kill = 0; kill < kills; kill++) {
                boolean slow = slowFsync != null && kill % 2 == 1;
                List<String> prefix = slow ? List.of("env", "LD_PRELOAD=" + slowFsync.toAbsolutePath(), "SLOW_FSYNC_MS=50")
                        : List.of();
                slowLives += slow ? 1 : 0;
                Process child = child(prefix, dir, broker.url(), dir.resolve("child.log"));
                PrintWriter commands = commands(child);
                BufferedReader replies = replies(child);
                expect(replies, "READY", dir.resolve("child.log"));
                commands.println("churn");
                expect(replies, "OK", dir.resolve("child.log"));
                Thread.sleep(200 + random.nextInt(1300));
                child.destroyForcibly().waitFor();
                if (SqliteOutbox.intact(dir.resolve("store.db"))) {
                    intact++;
                }
            }
            // A last life announces what the kills left uncommitted and delivers the rest.
            SiteConfig site = BenchSite.write(dir, SENSORS, dir.resolve("store.db"));
            try (GatewayUnderTest gw = new GatewayUnderTest(site, broker.url())) {
                gw.awaitConnected(20_000);
                long last = gw.gateway.outbox().lastSeq();
                long lost = ledger.awaitAccounted(last, 120_000);
                report("kill-9", "gateway killed with SIGKILL at a random point 0.2-1.5 s into each life while raising"
                        + " and resetting FIRE every 50 ms and committing readings every second; " + slowLives
                        + " lives with every fsync slowed to 50 ms, so that kills land between an alarm's publish and"
                        + " its commit", String.format(Locale.ROOT,
                        "kills=%d slow-fsync-lives=%d intact=%d seqs=%d announced=%d lost=%d repeats=%d", kills,
                        slowLives, intact, last, ledger.announced(last), lost, ledger.repeats()),
                        lost == 0 && intact == kills);
            }
        }
    }

    /** The store's file system filled up while the gateway runs, in a small tmpfs of a mount namespace of its own. */
    private void diskFull(BrokerProcess broker) throws Exception {
        Path dir = Files.createDirectories(work.resolve("disk-full"));
        Path log = dir.resolve("child.log");
        List<String> namespace = List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o size=32m ductwatch-bench \"$0\" && exec \"$@\"", dir.toString());
        try (Ledger ledger = Ledger.open(broker.url(), ROOT)) {
            Process child = child(namespace, dir, broker.url(), log);
            PrintWriter commands = commands(child);
            BufferedReader replies = replies(child);
            String ready = replies.readLine();
            if (!"READY".equals(ready)) {
                child.destroyForcibly().waitFor();
                report("disk-full", "not made: no small file system could be mounted for the store (needs unshare"
                        + " and user namespaces, or root)", "log=" + log, false);
                return;
            }
            Thread.sleep(3_000);
            commands.println("fill");
            String filled = replies.readLine();
            long pressedAt = System.nanoTime();
            commands.println("press");
            replies.readLine();
            Thread.sleep(holdS * 1000L);
            boolean fireDuring = ledger.fireArrivedNanos() > pressedAt;
            double fireAfter = fireDuring ? (ledger.fireArrivedNanos() - pressedAt) / 1e9 : -1;
            commands.println("status");
            String during = replies.readLine();
            commands.println("free");
            replies.readLine();
            commands.println("status");
            long last = Long.parseLong(replies.readLine().replaceAll(".*lastSeq=(\\d+).*", "$1"));
            long lost = ledger.awaitAccounted(last, 120_000);
            commands.println("quit");
            child.waitFor();
            boolean trouble = during.contains("store_cannot_write");
            report("disk-full", "the store's file system filled (" + filled.substring(7) + " filler in a 32 MB tmpfs)"
                    + " for the hold, then freed", String.format(Locale.ROOT, "held=%ds seqs=%d announced=%d lost=%d"
                            + " repeats=%d alarm-during-fault=%s trouble=%s", holdS, last, ledger.announced(last), lost,
                    ledger.repeats(), fireDuring ? seconds(fireAfter) + "-after-press" : "missing",
                    trouble ? "raised" : "missing"), lost == 0 && fireDuring && trouble);
        }
    }

    private Process child(List<String> prefix, Path dir, String broker, Path log) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ChildGateway.class.getName(), String.valueOf(SENSORS), broker,
                dir.toString()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static PrintWriter commands(Process child) {
        return new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static BufferedReader replies(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void expect(BufferedReader replies, String expected, Path log) throws IOException {
        String line = replies.readLine();
        if (!expected.equals(line)) {
            throw new IllegalStateException("the child gateway said " + line + " instead of " + expected + "; see " + log);
        }
    }

    /** Seconds until the uplink left CONNECTED after the fault was made, or -1. */
    private static double awaitNotConnected(GatewayUnderTest gw, long timeoutMs, long madeAt) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMs;
        while (gw.gateway.uplink().state() == MqttUplink.State.CONNECTED) {
            if (System.currentTimeMillis() > until) {
                return -1;
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - madeAt) / 1e9;
    }

    private void report(String name, String did, String figures, boolean ok) {
        out.println("fault " + name + " did=\"" + did + "\" " + figures);
        failed |= !ok;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1fs", s);
    }

    /** A step that makes or undoes a fault. */
    private interface Step {
        void run(Fault fault) throws Exception;
    }

    /** The parts one network fault works with: the proxy in front of the broker, the resolver, the ledger. */
    private static final class Fault implements AutoCloseable {
        final FaultProxy proxy;
        final Ledger ledger;
        volatile boolean dnsFails;

        Fault(BrokerProcess broker) throws Exception {
            proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", broker.port()));
            ledger = Ledger.open(broker.url(), ROOT);
        }

        List<InetAddress> resolve(String host) throws UnknownHostException {
            if (dnsFails) {
                throw new UnknownHostException(host + ": Temporary failure in name resolution (bench)");
            }
            return List.of(InetAddress.getLoopbackAddress());
        }

        @Override
        public void close() throws IOException {
            ledger.close();
            proxy.close();
        }
    }
}
