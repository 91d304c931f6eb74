package io.ductwatch.gateway.local;

import io.ductwatch.gateway.core.CommandResult;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.core.RuleEngine;
import io.ductwatch.gateway.core.Scheduler;
import io.ductwatch.gateway.payload.Payloads;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The rule engine and the gateway's status, as the local CoAP API shows and changes them. */
public final class EngineView implements TechnicianView {

    private final RuleEngine engine;
    private final Scheduler scheduler;
    private final Payloads payloads;
    private final Supplier<byte[]> status;

    public EngineView(RuleEngine engine, Scheduler scheduler, Payloads payloads, Supplier<byte[]> status) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.payloads = payloads;
        this.status = status;
    }

    @Override
    public Instant now() {
        return scheduler.now();
    }

    @Override
    public byte[] status() {
        return status.get();
    }

    @Override
    public byte[] activeAlarmsJson() {
        return payloads.active(scheduler.now(), engine.activeAlarms());
    }

    @Override
    public Map<String, Reading> latestReadings() {
        return engine.latestReadings();
    }

    @Override
    public CommandResult acknowledge(String alarmId, String operator) {
        return engine.acknowledge(alarmId, operator, scheduler.now());
    }

    @Override
    public CommandResult reset(Optional<String> zone, String operator) {
        return engine.reset(zone, operator, scheduler.now());
    }
}
