package io.ductwatch.bench.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/** The line grammar of DESIGN 6: one figure per line, {@code NAME key=value ...}, units in the values. */
final class Figures {

    private Figures() {
    }

    /** A gateway run's latency (recorded in nanoseconds) with the baseline's beside it, and its decide part. */
    static String latency(String name, AlarmLatency.Run run, Histogram baseline) {
        Histogram figure = run.delivered();
        return String.format(Locale.ROOT, "%s p50=%sms p99=%sms p999=%sms baseline-p99=%sms samples=%d baseline-p50=%sms"
                        + " decided-p50=%sms decided-p99=%sms",
                name, ms(figure.getValueAtPercentile(50)), ms(figure.getValueAtPercentile(99)),
                ms(figure.getValueAtPercentile(99.9)), ms(baseline.getValueAtPercentile(99)), figure.getTotalCount(),
                ms(baseline.getValueAtPercentile(50)), ms(run.decided().getValueAtPercentile(50)),
                ms(run.decided().getValueAtPercentile(99)));
    }

    /** The fire-panel relay of the same run: edge to the coil switching, no baseline (nothing stands between). */
    static String output(String name, AlarmLatency.Run run) {
        Histogram output = run.output();
        return String.format(Locale.ROOT, "output-latency case=%s p50=%sms p99=%sms p999=%sms samples=%d", name,
                ms(output.getValueAtPercentile(50)), ms(output.getValueAtPercentile(99)),
                ms(output.getValueAtPercentile(99.9)), output.getTotalCount());
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    static String ratio(double figure, double baseline) {
        return String.format(Locale.ROOT, "%.2f", figure / baseline);
    }

    /** A new histogram for latencies from 1 us to 60 s, 3 significant digits. */
    static Histogram histogram() {
        return new Histogram(1_000L, 60_000_000_000L, 3);
    }

    /** The median of a pair's rounds by {@code key} (the upper one of an even count). */
    static <T> T median(List<T> values, ToDoubleFunction<T> key) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingDouble(key));
        return sorted.get(sorted.size() / 2);
    }
}
