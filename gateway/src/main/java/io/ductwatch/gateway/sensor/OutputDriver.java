package io.ductwatch.gateway.sensor;

import io.ductwatch.config.OutputConfig;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.OutputPolicy;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the local outputs (siren, fire-panel relay, fan) from the active alarms, on the engine's
 * thread, the moment the alarms change: no network on the way.
 */
public final class OutputDriver implements AlarmListener {

    private static final Logger LOG = LoggerFactory.getLogger(OutputDriver.class);

    private final List<OutputConfig> outputs;
    private final Map<String, RelayOutput> relays;

    public OutputDriver(List<OutputConfig> outputs, Map<String, RelayOutput> relays) {
        this.outputs = List.copyOf(outputs);
        this.relays = relays;
    }

    @Override
    public void onEvent(AlarmEvent event) {
        // Outputs follow the whole active set, see onActiveChanged.
    }

    @Override
    public void onActiveChanged(List<ActiveAlarm> active) {
        OutputPolicy.decide(outputs, active).forEach((id, on) -> {
            RelayOutput relay = relays.get(id);
            if (relay != null && relay.isOn() != on) {
                if (relay.set(on)) {
                    LOG.info("output {} {}", id, on ? "ON" : "off");
                }
            }
        });
    }
}
