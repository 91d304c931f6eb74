package io.ductwatch.gateway.app;

import io.ductwatch.config.FallbackConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.AuditEntry;
import io.ductwatch.gateway.core.Outbox;
import io.ductwatch.gateway.core.RuleEngine;
import io.ductwatch.gateway.core.Scheduler;
import io.ductwatch.gateway.core.fallback.SmsCommands;
import io.ductwatch.gateway.core.fallback.SmsFallback;
import io.ductwatch.gateway.core.fallback.SmsRecord;
import io.ductwatch.gateway.core.fallback.SmsTexts;
import io.ductwatch.gateway.modem.CellularModem;
import io.ductwatch.gateway.modem.PinFile;
import io.ductwatch.gateway.modem.SerialLine;
import io.ductwatch.gateway.payload.Payloads;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second path, wired (DESIGN 3): the cellular modem on its serial line, the policy that decides what
 * goes by SMS, the commands recipients may answer, the modem's health as the {@code modem} TROUBLE, and the
 * journal of every SMS, logged and stored for the {@code sms} topic. The journal's store writes run on the
 * scheduler, never on the thread that decided the alarm.
 */
final class FallbackPath implements AutoCloseable {

    /** The alarm log: each SMS attempt and each SMS received is a line beside the alarm events. */
    private static final Logger LOG = LoggerFactory.getLogger("ductwatch.alarms");

    private final FallbackConfig config;
    private final SmsFallback policy;
    private final CellularModem modem;
    private final SmsTexts texts;
    private final Consumer<SmsRecord> journal;
    private final AtomicReference<SmsCommands> commands;
    private final AtomicReference<RuleEngine> engine;
    private final Ports ports;

    private FallbackPath(FallbackConfig config, SmsFallback policy, CellularModem modem, SmsTexts texts,
                         Consumer<SmsRecord> journal, AtomicReference<SmsCommands> commands,
                         AtomicReference<RuleEngine> engine, Ports ports) {
        this.config = config;
        this.policy = policy;
        this.modem = modem;
        this.texts = texts;
        this.journal = journal;
        this.commands = commands;
        this.engine = engine;
        this.ports = ports;
    }

    /** What the path needs from the rest of the gateway. */
    record Ports(Supplier<String> uplinkState, Outbox outbox, Consumer<AuditEntry> audit, Runnable wake) {
    }

    /**
     * Builds the path; the modem starts with {@link #start(RuleEngine)}.
     *
     * @param line the modem's serial line
     */
    static FallbackPath create(SiteConfig site, FallbackConfig config, SerialLine line, Scheduler scheduler,
                               Payloads payloads, String smsTopic, BooleanSupplier timeSynced, Ports ports) {
        Consumer<SmsRecord> journal = record -> scheduler.schedule(Duration.ZERO, () -> {
            LOG.info("SMS {} {} {} ({}): {} [{}]", record.direction(), record.number(), record.outcome(),
                    record.detail(), record.text(), record.recipient());
            boolean synced = timeSynced.getAsBoolean();
            try {
                ports.outbox().append(Outbox.Lane.ALARM, smsTopic, record.at(), seq -> payloads.sms(seq, record, synced));
                ports.wake().run();
            } catch (RuntimeException e) {
                // The gateway is stopping (its store closed): the line above is the record.
                LOG.warn("SMS record not stored: {}", e.getMessage());
            }
        });
        SmsTexts texts = new SmsTexts(site.site().id() + "/" + site.gateway().id());
        AtomicReference<SmsCommands> commands = new AtomicReference<>();
        AtomicReference<RuleEngine> engine = new AtomicReference<>();
        CellularModem modem = new CellularModem(line, scheduler, () -> pin(config.modem().pinFile()),
                sms -> Optional.ofNullable(commands.get()).ifPresent(c -> c.accept(sms)),
                (ok, reason) -> engine.get().setCondition("modem", AlarmType.TROUBLE, !ok, "fallback modem: " + reason,
                        scheduler.now()));
        SmsFallback policy = new SmsFallback(config.recipients(), modem, texts, scheduler, journal);
        return new FallbackPath(config, policy, modem, texts, journal, commands, engine, ports);
    }

    /** The policy: an alarm listener placed before the store's, and the uplink's receipts. */
    SmsFallback policy() {
        return policy;
    }

    /** Starts the modem once the engine whose alarms it sends runs. */
    void start(RuleEngine running) {
        engine.set(running);
        commands.set(new SmsCommands(config, running, policy, texts,
                () -> status(running, ports.uplinkState().get(), ports.outbox().pending()), ports.audit(), journal));
        modem.start();
    }

    @Override
    public void close() {
        modem.close();
    }

    /** The answer to STATUS: the alarms that matter first (FIRE and PRE_ALARM by zone and place), then the gateway. */
    static String status(RuleEngine engine, String uplink, long pending) {
        List<ActiveAlarm> active = engine.activeAlarms();
        List<String> named = active.stream().filter(a -> a.type() != AlarmType.HEAT && a.type() != AlarmType.SMOKE)
                .sorted(java.util.Comparator.comparing(a -> a.type() != AlarmType.FIRE && a.type() != AlarmType.PRE_ALARM))
                .limit(4).map(a -> a.type() + " " + (a.type() == AlarmType.FIRE || a.type() == AlarmType.PRE_ALARM
                        ? a.zone() + String.format(Locale.ROOT, " @%.1fm", a.positionM()) : a.key().id())
                        + (a.acknowledged() ? " (ack)" : ""))
                .toList();
        return active.size() + " active" + (named.isEmpty() ? "" : ": " + String.join(", ", named)) + "; "
                + engine.faultySensors().size() + " faulty sensors; uplink " + uplink + "; " + pending + " msgs kept";
    }

    /** The SIM's PIN from its file, read when the SIM asks (check-config has checked it already). */
    private static Optional<String> pin(Optional<Path> file) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PinFile.read(file.get()));
        } catch (IOException e) {
            LOG.error("PIN file {} cannot be used, the PIN is not sent: {}", file.get(), e.getMessage());
            return Optional.empty();
        }
    }
}
