package io.ductwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.Payloads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Payload encoding: one sampling cycle of the example site (35 readings) as the gateway's {@code reading}
 * message, beside the same fields written by plain Jackson from maps, the usual way to write such JSON.
 * Run with {@code -prof gc} for allocation rates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PayloadBenchmark {

    private final ObjectMapper json = new ObjectMapper();
    private final Payloads payloads = new Payloads("7f3a9c01");
    private final Instant at = Instant.parse("2026-11-27T08:19:00.000Z");
    private List<Reading> cycle;
    private long seq;

    @Setup
    public void setUp() {
        cycle = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            cycle.add(Reading.ok(String.format("t%02d", i), Quantity.TEMPERATURE, 20 + i / 10.0, at));
        }
    }

    @Benchmark
    public byte[] gatewayReadingMessage() {
        return payloads.readings(++seq, at, cycle, true);
    }

    @Benchmark
    public byte[] baselineJacksonMaps() throws Exception {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("seq", ++seq);
        message.put("ts", "2026-11-27T08:19:00.000Z");
        message.put("timeSynced", true);
        message.put("bootId", "7f3a9c01");
        List<Map<String, Object>> items = new ArrayList<>(cycle.size());
        for (Reading r : cycle) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sensor", r.sensorId());
            item.put("quantity", r.quantity().name());
            item.put("value", r.value());
            item.put("unit", r.quantity().unit());
            item.put("quality", r.quality().name());
            item.put("ts", "2026-11-27T08:19:00.000Z");
            items.add(item);
        }
        message.put("readings", items);
        return json.writeValueAsBytes(message);
    }
}
