package io.ductwatch.bench.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Footprint: the gateway on a 100-sensor bench site at 1 Hz in a child JVM with the packaged flags,
 * its resident set and CPU sampled from /proc once a second for the soak; and the same for an idle JVM with
 * the same flags, the baseline.
 */
final class Footprint {

    record Sample(double maxRssMb, double lastRssMb, double thirdRssMb, double cpuPct) {
    }

    private Footprint() {
    }

    /** Runs the child main class with the flags for {@code seconds} and samples it. */
    static Sample measure(String mainClass, List<String> flags, List<String> args, int seconds) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(flags);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectOutput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            Path status = Path.of("/proc", Long.toString(child.pid()), "status");
            Path stat = Path.of("/proc", Long.toString(child.pid()), "stat");
            Thread.sleep(5_000); // start-up is not the steady state
            long cpuFrom = cpuTicks(stat);
            long from = System.nanoTime();
            double max = 0;
            double third = 0;
            double last = 0;
            for (int s = 0; s < seconds; s++) {
                Thread.sleep(1_000);
                if (!child.isAlive()) {
                    throw new IllegalStateException(mainClass + " ended early with exit " + child.exitValue());
                }
                last = rssMb(status);
                max = Math.max(max, last);
                if (s == seconds / 3) {
                    third = last;
                }
            }
            double cpuSeconds = (cpuTicks(stat) - cpuFrom) / 100.0; // USER_HZ is 100 on Linux
            double wall = (System.nanoTime() - from) / 1e9;
            return new Sample(max, last, third, 100 * cpuSeconds / wall);
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    private static double rssMb(Path status) throws IOException {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS in " + status);
    }

    private static long cpuTicks(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    static String line(Sample figure, Sample baseline) {
        return String.format(Locale.ROOT, "rss max=%.0fMB baseline-max=%.0fMB steady-third=%.0fMB steady-end=%.0fMB"
                        + " cpu=%.1f%% baseline-cpu=%.1f%%", figure.maxRssMb(), baseline.maxRssMb(), figure.thirdRssMb(),
                figure.lastRssMb(), figure.cpuPct(), baseline.cpuPct());
    }

    /** The gateway under test in the child JVM: a bench site of N sensors, publishing to the broker. */
    public static final class GatewayChild {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[2]);
            var site = BenchSite.write(dir, Integer.parseInt(args[0]), dir.resolve("store.db"));
            try (GatewayUnderTest gw = new GatewayUnderTest(site, args[1])) {
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }

    /** The baseline child: a JVM with the same flags that does nothing. */
    public static final class IdleChild {
        public static void main(String[] args) throws Exception {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
