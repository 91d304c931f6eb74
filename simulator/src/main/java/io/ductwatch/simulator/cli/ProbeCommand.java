package io.ductwatch.simulator.cli;

import io.ductwatch.simulator.physics.Growth;
import io.ductwatch.simulator.physics.Probe;
import io.ductwatch.simulator.physics.TunnelModel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code probe}: the reference model's state at an offset from a fire, as one JSON object (DESIGN 2.1):
 * a steady fire of {@code --hrr} kW, or a t-squared fire {@code --at} seconds after ignition.
 */
@Command(name = "probe", description = "Print the reference model's state at an offset from a fire, as JSON.")
final class ProbeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Fire fire;

    static final class Fire {
        @Option(names = "--hrr", paramLabel = "KW", description = "Heat release rate of a steady fire, kW.")
        Double hrrKw;

        @ArgGroup(exclusive = false)
        Growing growing;
    }

    static final class Growing {
        @Option(names = "--growth", required = true, paramLabel = "CLASS",
                description = "t-squared growth: slow, medium, fast or ultra-fast.")
        String growth;

        @Option(names = "--at", required = true, paramLabel = "S", description = "Seconds after ignition.")
        double atS;
    }

    @Option(names = "--height", required = true, paramLabel = "M", description = "Duct height, m.")
    private double heightM;

    @Option(names = "--width", required = true, paramLabel = "M", description = "Duct width, m.")
    private double widthM;

    @Option(names = "--airflow", required = true, paramLabel = "MS", description = "Airflow, m/s (>= 0).")
    private double airflowMs;

    @Option(names = "--offset", required = true, paramLabel = "M",
            description = "Offset from the fire, m; positive is downstream.")
    private double offsetM;

    @Override
    public Integer call() {
        for (double value : new double[] {heightM, widthM, airflowMs, offsetM,
                fire.hrrKw != null ? fire.hrrKw : 0, fire.growing != null ? fire.growing.atS : 0}) {
            if (!Double.isFinite(value)) {
                spec.commandLine().getErr().println("probe: every number must be finite, not " + value);
                return 2;
            }
        }
        TunnelModel model;
        try {
            model = new TunnelModel(heightM, widthM, airflowMs);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("probe: " + e.getMessage());
            return 2;
        }
        Probe probe;
        if (fire.hrrKw != null) {
            if (fire.hrrKw < 0) {
                spec.commandLine().getErr().println("probe: --hrr must not be negative");
                return 2;
            }
            probe = model.steady(fire.hrrKw, offsetM);
        } else {
            Growth growth;
            try {
                growth = Growth.fromName(fire.growing.growth);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("probe: " + e.getMessage());
                return 2;
            }
            probe = model.afterIgnition(growth.alphaKwPerS2(), Double.MAX_VALUE, fire.growing.atS, offsetM);
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (var field : new Object[][] {{"gasRiseK", probe.gasRiseK()}, {"delayS", probe.delayS()},
                {"obscurationPctPerM", probe.obscurationPctPerM()}, {"localVelocityMs", probe.localVelocityMs()}}) {
            double value = (Double) field[1];
            if (!Double.isFinite(value)) {
                spec.commandLine().getErr().println("probe: the model gives no finite " + field[0] + " here (" + value
                        + ")");
                return 2;
            }
            json.put((String) field[0], BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP));
        }
        try {
            spec.commandLine().getOut().println(JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the probe's JSON", e);
        }
        return 0;
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
}
