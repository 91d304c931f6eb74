package io.ductwatch.bench.harness;

import io.ductwatch.config.SiteConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The performance harness behind {@code bench/run}: each figure of DESIGN 5 measured beside its baseline in
 * the same run, against the broker {@code bench/run} started, printed one line each (DESIGN 6).
 */
@Command(name = "harness", mixinStandardHelpOptions = true,
        description = "Measure ductwatch against raw baselines (run it through bench/run).")
public final class Harness implements Callable<Integer> {

    @Option(names = "--broker", required = true, description = "The MQTT broker to measure against (tcp://host:port).")
    String broker;

    @Option(names = "--quick", description = "A short pass: fewer samples, a smaller backlog, a shorter soak.")
    boolean quick;

    @Option(names = "--figures", split = ",", defaultValue = "latency,sparkplug,drain,thinning,replay,spill,footprint,capacity,fleet",
            description = "Which figures: latency, sparkplug, drain, thinning, replay, spill, footprint, capacity, fleet (default all);"
                    + " slowdisk (alarm latency while every fsync is slowed: bench/run runs it under its shim).")
    List<String> figures;

    @Option(names = "--jvm-flags", defaultValue = "-Xmx64m -XX:+UseSerialGC",
            description = "Flags of the footprint's JVMs (bench/run passes the packaged ones).")
    String jvmFlags;

    @Option(names = "--subscriber-pin", split = " ",
            description = "Command prefix pinning the replay's subscriber JVM, e.g. 'taskset -c 1' (the broker's core).")
    List<String> subscriberPin = List.of();

    @Option(names = "--work", description = "Folder for the stores (default: a temporary folder).")
    Path work;

    /** Rounds of the replay pair, figure and baseline alternating; the medians are reported (spill: {@link Spill#ROUNDS}). */
    static final int ROUNDS = 3;
    /** Blocks of each idle latency figure, gateway and baseline alternating; the samples of all are pooled. */
    static final int LATENCY_BLOCKS = 4;

    private final PrintStream out = System.out;
    /** Whether this JVM has run the alarm path and the raw round trip before its first latency figure. */
    private boolean warmedUp;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Harness()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("ductwatch-bench");
        try {
            int samples = quick ? 300 : 2000;
            int backlog = quick ? 100_000 : 1_000_000;
            if (figures.contains("latency")) {
                latency("alarm-latency-idle", dir, samples, 0);
            }
            if (figures.contains("sparkplug")) {
                // The idle line again with the site's Sparkplug B edge node on (its own connection, DDATA every cycle).
                latency("alarm-latency-sparkplug", dir, samples, 0, " sparkplug=on", true);
            }
            if (figures.contains("slowdisk")) {
                // The same line as idle, in a JVM whose every fsync sleeps (bench/slowfsync.c): says how slow.
                long fsyncNanos = fsyncNanos(dir);
                latency("alarm-latency-slowdisk", dir, samples, 0, " fsync=" + Figures.ms(fsyncNanos) + "ms");
            }
            if (figures.contains("drain")) {
                Backlog drained = Backlog.fill(dir.resolve("drain.db"), backlog, Backlog.LOAD_POOL);
                SiteConfig site = BenchSite.write(dir, 100, drained.file);
                AlarmLatency.Run run;
                long left;
                try (GatewayUnderTest gw = new GatewayUnderTest(site, broker)) {
                    gw.awaitConnected(20_000);
                    run = AlarmLatency.gateway(gw, broker, 0, samples, () -> gw.gateway.outbox().pending() > 1_000);
                    left = gw.gateway.outbox().pending();
                }
                Histogram baseline = AlarmLatency.pahoBaselineDraining(broker, run.firePayload(), drained.payloads,
                        samples, () -> true);
                out.println(Figures.latency("alarm-latency-drain", run, baseline)
                        + " backlog=" + drained.payloads.size() + " left-at-end=" + left);
                out.println(Figures.output("drain", run));
                deleteStore(drained.file);
            }
            if (figures.contains("thinning")) {
                thinning(dir, quick ? 200_000 : 4_000_000, samples);
            }
            Backlog filled = figures.contains("replay") || figures.contains("spill")
                    ? Backlog.fill(dir.resolve("backlog.db"), backlog) : null;
            if (figures.contains("replay")) {
                // Figure and baseline alternate, ROUNDS each; the medians are compared.
                List<Replay.Result> measured = new ArrayList<>();
                List<Replay.Result> baselines = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    baselines.add(Replay.pahoBaseline(broker, filled, 900, subscriberPin));
                    Path copy = dir.resolve("replay-" + round + ".db");
                    copyStore(filled.file, copy);
                    measured.add(Replay.gateway(broker, Backlog.at(copy, filled.payloads), 900, subscriberPin));
                    deleteStore(copy);
                }
                Replay.Result figure = Figures.median(measured, Replay.Result::perSecond);
                Replay.Result baseline = Figures.median(baselines, Replay.Result::perSecond);
                long lost = measured.stream().mapToLong(Replay.Result::lost).sum();
                long duplicates = measured.stream().mapToLong(Replay.Result::duplicates).sum();
                long outOfOrder = measured.stream().mapToLong(Replay.Result::outOfOrder).sum();
                out.printf(java.util.Locale.ROOT, "replay rate=%sper-s baseline-rate=%sper-s ratio=%s lost=%d"
                                + " duplicates=%d out-of-order=%d messages=%d window=%d rounds=%d%n",
                        Figures.rate(figure.perSecond()), Figures.rate(baseline.perSecond()),
                        Figures.ratio(figure.perSecond(), baseline.perSecond()), lost, duplicates, outOfOrder,
                        filled.payloads.size(), Replay.WINDOW, ROUNDS);
            }
            if (figures.contains("spill")) {
                out.println(Spill.line(dir, filled.payloads));
            }
            if (figures.contains("footprint")) {
                int soak = quick ? 60 : 1800;
                List<String> flags = List.of(jvmFlags.trim().split("\\s+"));
                Path child = Files.createDirectories(dir.resolve("footprint"));
                Footprint.Sample baseline = Footprint.measure(Footprint.IdleChild.class.getName(), flags, List.of(),
                        quick ? 20 : 120);
                Footprint.Sample figure = Footprint.measure(Footprint.GatewayChild.class.getName(), flags,
                        List.of("100", broker, child.toString()), soak);
                out.println(Footprint.line(figure, baseline) + " sensors=100 soak=" + soak + "s");
            }
            if (figures.contains("capacity")) {
                capacity(dir, quick ? List.of(100, 400, 1000) : List.of(100, 200, 400, 600, 800, 1000));
            }
            if (figures.contains("fleet")) {
                out.println(FleetBench.run(Files.createDirectories(dir.resolve("fleet")), quick ? 20 : 50));
            }
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    /** How long one fsync of a small file takes in this JVM now, ns. */
    private static long fsyncNanos(Path dir) throws java.io.IOException {
        Path probe = dir.resolve("fsync-probe");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(probe,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
            long start = System.nanoTime();
            channel.force(true);
            return System.nanoTime() - start;
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Alarm latency on a 100-sensor bench site, with its Paho baseline measured right after. */
    private Histogram latency(String name, Path dir, int samples, int sensors) throws Exception {
        return latency(name, dir, samples, sensors, "");
    }

    /** The same, with something said after the line. */
    private Histogram latency(String name, Path dir, int samples, int sensors, String suffix) throws Exception {
        return latency(name, dir, samples, sensors, suffix, false);
    }

    /** The same, on a site with a Sparkplug B edge node or without. */
    private Histogram latency(String name, Path dir, int samples, int sensors, String suffix, boolean sparkplug)
            throws Exception {
        SiteConfig site = BenchSite.write(dir, sensors == 0 ? 100 : sensors, dir.resolve("latency-" + sensors + ".db"),
                4096, sparkplug);
        if (!warmedUp) {
            warmUp(site, samples);
        }
        // The gateway and its baseline alternate in blocks (the gateway stopped while the baseline runs), so that a
        // change in the machine's load during the run (other tenants of the host) falls on both alike.
        int blocks = name == null ? 1 : LATENCY_BLOCKS;
        int perBlock = samples / blocks;
        AlarmLatency.Run run = null;
        Histogram baseline = Figures.histogram();
        for (int block = 0; block < blocks; block++) {
            try (GatewayUnderTest gw = new GatewayUnderTest(site, broker)) {
                gw.awaitConnected(20_000);
                AlarmLatency.Run part = AlarmLatency.gateway(gw, broker, block == 0 ? samples / 10 : perBlock / 10,
                        perBlock, null);
                run = run == null ? part : run.plus(part);
            }
            if (name != null) {
                baseline.add(AlarmLatency.pahoBaseline(broker, run.firePayload(), perBlock / 10, perBlock));
            }
        }
        if (name != null) {
            out.println(Figures.latency(name, run, baseline) + suffix);
            out.println(Figures.output(name.substring("alarm-latency-".length()), run));
        }
        return run.delivered();
    }

    /**
     * The JVM's first latency figure would otherwise measure the JIT compiling the alarm path and the Paho round
     * trip on the one core it has: both are run, unrecorded, as many times as a figure has samples, first.
     */
    private void warmUp(SiteConfig site, int samples) throws Exception {
        AlarmLatency.Run warm;
        try (GatewayUnderTest gw = new GatewayUnderTest(site, broker)) {
            gw.awaitConnected(20_000);
            warm = AlarmLatency.gateway(gw, broker, samples, 0, null);
        }
        AlarmLatency.pahoBaseline(broker, warm.firePayload(), samples, 0);
        warmedUp = true;
    }

    /**
     * Alarm latency while the gateway thins its store at the cap: a backlog of {@code messages} readings (4
     * million make about 1 GB), opened with a cap of half its size, so that the gateway's maintenance timer
     * replaces its oldest readings by aggregates, pass after pass, while the uplink replays the rest; samples
     * are taken while the store is above its limit. Baseline: the drain's raw round trip while the same
     * thinning works on a copy of the same store ({@link StoreThinningLoad}), sampled while that copy is above
     * its limit, as the slow disk's baseline runs on the slow disk: thinning a store takes a share of the one
     * core and of the disk whoever sends the alarm. The same raw round trip with no thinning beside it is on the
     * line too ({@code unthinned-baseline-p99}), to show what that share costs.
     */
    private void thinning(Path dir, int messages, int samples) throws Exception {
        Backlog filled = Backlog.fill(dir.resolve("thinning.db"), messages, Backlog.LOAD_POOL);
        Path store = filled.file;
        Path copy = dir.resolve("thinning-copy.db");
        copyStore(store, copy);
        long size = Files.size(store);
        long capMb = Math.max(1, size / 2 / (1024 * 1024));
        SiteConfig site = BenchSite.write(dir, 100, store, capMb);
        double limit = capMb * 1024.0 * 1024 * io.ductwatch.gateway.app.Gateway.THIN_ABOVE;
        AlarmLatency.Run run;
        long sizeAtEnd;
        try (GatewayUnderTest gw = new GatewayUnderTest(site, broker)) {
            gw.awaitConnected(20_000);
            run = AlarmLatency.gateway(gw, broker, 0, samples, () -> gw.gateway.outbox().sizeBytes() > limit);
            sizeAtEnd = gw.gateway.outbox().sizeBytes();
        }
        deleteStore(store);
        Histogram baseline;
        try (StoreThinningLoad load = new StoreThinningLoad(copy, capMb * 1024 * 1024)) {
            baseline = AlarmLatency.pahoBaselineDraining(broker, run.firePayload(), filled.payloads, samples,
                    load::thinning);
        }
        deleteStore(copy);
        Histogram unthinned = AlarmLatency.pahoBaselineDraining(broker, run.firePayload(), filled.payloads, samples,
                () -> true);
        out.println(Figures.latency("alarm-latency-thinning", run, baseline) + " store=" + size / (1024 * 1024)
                + "MB cap=" + capMb + "MB at-end=" + sizeAtEnd / (1024 * 1024) + "MB baseline-samples="
                + baseline.getTotalCount() + " unthinned-baseline-p99="
                + Figures.ms(unthinned.getValueAtPercentile(99)) + "ms");
        out.println(Figures.output("thinning", run));
    }

    /** The most sensors at 1 Hz for which alarm p99 stays under 20 ms, trying each size in turn. */
    private void capacity(Path dir, List<Integer> sizes) throws Exception {
        int best = 0;
        List<String> tried = new ArrayList<>();
        for (int n : sizes) {
            Histogram h = latency(null, dir, quick ? 200 : 500, n);
            double p99 = h.getValueAtPercentile(99) / 1e6;
            tried.add(n + ":" + String.format(java.util.Locale.ROOT, "%.1f", p99) + "ms");
            if (p99 > 20) {
                break;
            }
            best = n;
        }
        out.println("capacity sensors=" + best + " tried=" + String.join(",", tried)
                + (best == sizes.get(sizes.size() - 1) ? " (the most a site file allows)" : ""));
    }

    private static void copyStore(Path from, Path to) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path source = Path.of(from + suffix);
            if (Files.exists(source)) {
                Files.copy(source, Path.of(to + suffix), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void deleteStore(Path file) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
