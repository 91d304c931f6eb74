package io.ductwatch.gateway.modem;

import io.ductwatch.gateway.core.Scheduler;
import io.ductwatch.gateway.core.fallback.IncomingSms;
import io.ductwatch.gateway.core.fallback.SmsGateway;
import io.ductwatch.gateway.modem.AtChannel.AtFailure;
import io.ductwatch.gateway.modem.AtChannel.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 3GPP cellular modem driven by AT commands (TS 27.007, and TS 27.005 for SMS in text mode): opened and set
 * up ({@code AT}, {@code ATE0}, {@code AT+CMEE=2}, SIM and PIN, {@code AT+CMGF=1}, {@code AT+CSCS="IRA"},
 * {@code AT+CNMI=2,1,0,0,0}), supervised every {@link #SUPERVISE_EVERY} (SIM, registration on 2G/3G and LTE,
 * signal), handing the texts to send to its {@link SmsOutbox}, which sends them one at a time while the modem can,
 * and the SMS that arrive to its {@link SmsInbox}. A modem that is gone, answers nothing, has no SIM, refuses the
 * PIN or has no network is reported {@linkplain Health unhealthy}; a silent or vanished one is closed and opened again
 * at the next supervision (a USB modem re-enumerates after a reset). A refused PIN is never tried again: a
 * third wrong PIN would block the SIM.
 *
 * <p>Everything runs on a {@link ConfinedScheduler}: the gateway's pool, or the simulator's virtual time.
 */
public final class CellularModem implements SmsGateway, AutoCloseable {

    /** Deadline of an ordinary command. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /** How often the modem is checked, and a lost one opened again: faults are due within 100 s (EN 54-2). */
    public static final Duration SUPERVISE_EVERY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(CellularModem.class);

    /** Hears whether the modem can send, on the modem's thread: a TROUBLE while it cannot. */
    @FunctionalInterface
    public interface Health {
        void changed(boolean ok, String reason);
    }

    private final SerialLine line;
    private final ConfinedScheduler scheduler;
    private final Supplier<Optional<String>> pin;
    private final Health health;
    private final AtChannel channel;
    private final SmsInbox inbox;
    private final SmsOutbox outbox;
    private Scheduler.Cancellable supervision;
    private boolean open;
    private boolean ready;
    private boolean registered;
    private boolean busy;
    private String blocked;
    private String reported;

    /**
     * @param pin      the SIM's PIN, read when the SIM asks for it (from the PIN file); empty if none is configured
     * @param incoming hears each SMS received, on the modem's thread
     */
    public CellularModem(SerialLine line, Scheduler scheduler, Supplier<Optional<String>> pin,
                         Consumer<IncomingSms> incoming, Health health) {
        this.line = line;
        this.scheduler = new ConfinedScheduler(scheduler);
        this.pin = pin;
        this.health = health;
        this.channel = new AtChannel(line, this.scheduler, this::unsolicited);
        this.inbox = new SmsInbox(this::at, this.scheduler::now, incoming);
        this.outbox = new SmsOutbox(channel, this::ready, this::lost, this::recheckAfterRefusal);
    }

    /** Opens and sets up the modem now, and supervises it every {@link #SUPERVISE_EVERY}. */
    public CellularModem start() {
        supervision = scheduler.scheduleAtFixedRate(Duration.ZERO, SUPERVISE_EVERY, this::supervise);
        return this;
    }

    @Override
    public void send(String number, String text, Consumer<SmsOutcome> attempts) {
        AtText.quotedNumber(number); // a bad number fails here, on the caller's thread
        scheduler.run(() -> outbox.add(number, text, attempts));
    }

    /** Whether the modem is set up and registered with a signal: SMS go out now. */
    public boolean ready() {
        return ready && registered;
    }

    @Override
    public void close() {
        if (supervision != null) {
            supervision.cancel();
        }
        scheduler.runHere(() -> lost("closed")); // the port is closed before the gateway's scheduler stops
    }

    // ------------------------------------------------------------ supervision and set-up

    private void supervise() {
        if (blocked != null) {
            report(false, blocked);
            return;
        }
        if (busy) {
            return;
        }
        if (!open) {
            openLine();
        } else if (!ready) {
            setUp();
        } else {
            check();
        }
    }

    private void openLine() {
        try {
            line.open(new SerialLine.Listener() {
                @Override
                public void received(byte[] bytes) {
                    scheduler.run(() -> channel.received(bytes));
                }

                @Override
                public void lost(String why) {
                    scheduler.run(() -> CellularModem.this.lost(why));
                }
            });
        } catch (IOException e) {
            report(false, "modem gone: " + e.getMessage());
            return;
        }
        open = true;
        setUp();
    }

    private void setUp() {
        busy = true;
        run(hello(3)
                .thenCompose(r -> at("ATE0"))
                .thenCompose(r -> at("AT+CMEE=2"))
                .thenCompose(r -> sim())
                .thenCompose(simOk -> !simOk ? nothing()
                        : required("AT+CMGF=1", "text mode")
                        .thenCompose(r -> at("AT+CSCS=\"IRA\""))
                        .thenCompose(r -> required("AT+CNMI=2,1,0,0,0", "new-SMS indications"))
                        .thenCompose(r -> {
                            ready = true;
                            return registration();
                        })
                        .thenCompose(r -> inbox.readStored())));
    }

    /** {@code AT} until it answers: a modem just enumerated may miss the first. */
    private CompletableFuture<Response> hello(int tries) {
        return at("AT").handle((r, e) -> e == null ? CompletableFuture.completedFuture(r)
                : tries > 1 ? hello(tries - 1) : CompletableFuture.<Response>failedFuture(e))
                .thenCompose(f -> f);
    }

    /** Checks the SIM, entering the PIN if it asks for one; completes with whether the SIM is ready. */
    private CompletableFuture<Boolean> sim() {
        return at("AT+CPIN?").thenCompose(r -> {
            String state = r.value("+CPIN:").orElse("");
            if (r.ok() && state.equals("READY")) {
                return CompletableFuture.completedFuture(true);
            }
            if (r.ok() && state.equals("SIM PIN")) {
                Optional<String> code = pin.get();
                if (code.isEmpty()) {
                    return unhealthy("the SIM asks for a PIN and none is configured (fallback.modem.pinFile)");
                }
                return at("AT+CPIN=\"" + code.get() + "\"").thenCompose(p -> {
                    if (p.ok()) {
                        return CompletableFuture.completedFuture(true);
                    }
                    blocked = "SIM PIN refused (" + p.result() + "): not tried again, so the SIM does not lock;"
                            + " correct the PIN file and restart the gateway";
                    return unhealthy(blocked);
                });
            }
            if (r.ok() && state.startsWith("SIM PUK")) {
                blocked = "SIM blocked: it asks for its PUK (" + state + ")";
                return unhealthy(blocked);
            }
            return unhealthy("no SIM ready: " + (r.ok() ? "+CPIN: " + state : r.result()));
        });
    }

    /** Checks SIM (entering the PIN if a new SIM asks for it), registration and signal. */
    private void check() {
        busy = true;
        run(sim().thenCompose(simOk -> simOk ? registration() : nothing()));
    }

    /** Registered on 2G/3G or LTE with a signal ({@link Network}); texts go once it is. */
    private CompletableFuture<Void> registration() {
        return at("AT+CREG?").thenCompose(creg -> at("AT+CEREG?").thenCompose(cereg -> at("AT+CSQ").thenAccept(csq -> {
            Network network = Network.of(creg, cereg, csq);
            registered = network.canSend();
            report(network.canSend(), network.state());
            outbox.pump();
        })));
    }

    /** A text was refused: is the modem still on the network? Checked again before the next attempt. */
    private void recheckAfterRefusal() {
        registered = false;
        scheduler.schedule(SmsOutbox.RETRY_AFTER, this::supervise);
    }

    private void unsolicited(String line) {
        inbox.announced(line).ifPresent(this::run);
    }

    // ------------------------------------------------------------ plumbing

    private CompletableFuture<Response> at(String command) {
        return channel.command(command, COMMAND_TIMEOUT);
    }

    /** A set-up command whose refusal makes the modem unusable (set up again at the next supervision). */
    private CompletableFuture<Response> required(String command, String what) {
        return at(command).thenCompose(r -> r.ok() ? CompletableFuture.completedFuture(r)
                : CompletableFuture.failedFuture(new AtFailure("the modem refuses " + what + " (" + command + ": "
                + r.result() + ")", true)));
    }

    /** Reports the modem unusable; completes with {@code false}, "not ready". */
    private CompletableFuture<Boolean> unhealthy(String why) {
        ready = false;
        registered = false;
        report(false, why);
        return CompletableFuture.completedFuture(false);
    }

    private static CompletableFuture<Void> nothing() {
        return CompletableFuture.completedFuture(null);
    }

    /** Runs a dialogue; a modem that stops answering, or a line that fails, is closed to be opened again. */
    private void run(CompletableFuture<?> dialogue) {
        dialogue.whenComplete((r, e) -> {
            busy = false;
            if (e != null && AtChannel.cause(e) instanceof AtFailure failure && failure.refused()) {
                unhealthy(failure.getMessage());
            } else if (e != null) {
                lost(AtChannel.cause(e).getMessage());
            }
        });
    }

    private void lost(String why) {
        if (!open) {
            return;
        }
        open = false;
        ready = false;
        registered = false;
        busy = false;
        line.close();
        channel.failAll(why);
        if (!why.equals("closed")) {
            report(false, "modem not answering: " + why);
        }
    }

    private void report(boolean ok, String reason) {
        String state = ok ? "ok" : reason;
        if (state.equals(reported)) {
            return;
        }
        reported = state;
        if (ok) {
            LOG.info("modem on {}: {}", line.name(), reason);
        } else {
            LOG.warn("modem on {}: {}", line.name(), reason);
        }
        health.changed(ok, reason);
    }
}
