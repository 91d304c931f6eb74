package io.ductwatch.gateway.core.fallback;

import io.ductwatch.config.FallbackConfig;
import io.ductwatch.gateway.core.ActiveAlarm;
import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmKey;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The fallback rule of DESIGN 3: which alarms go out by SMS, and when. Every FIRE as it is raised, to every
 * recipient at once (the uplink may be burning with the duct); a WATER, and a TROUBLE of the gateway's
 * critical conditions ({@link #CRITICAL}), only if the broker has not acknowledged its message within
 * {@link #UNACKNOWLEDGED}. Alarms of a zone in test never go by SMS. Each recipient's texts pass its hourly
 * {@link SmsBudget}; what the budget holds goes out later as one digest. Every attempt and its outcome goes
 * to the journal.
 *
 * <p>Called as an {@link AlarmListener} by the engine's dispatcher, placed before the store's listener so
 * that an alarm is known here before its message is {@linkplain #staged staged}; {@link #staged} by the store's
 * listener, {@link #acknowledged} by the uplink (the broker's PUBACKs, on the uplink's thread); and by its own
 * timers on the scheduler. Every method returns at once: sending is the modem's queue's business.
 */
public final class SmsFallback implements AlarmListener {

    /** How long the broker has to acknowledge a WATER or critical TROUBLE before it goes by SMS. */
    public static final Duration UNACKNOWLEDGED = Duration.ofSeconds(30);
    /** The gateway's own TROUBLEs that go by SMS: uplink down for long, store cannot write, store found corrupt. */
    public static final Set<String> CRITICAL = Set.of("uplink", "store-write", "store");

    private final List<FallbackConfig.Recipient> recipients;
    private final SmsGateway modem;
    private final SmsTexts texts;
    private final Scheduler scheduler;
    private final Consumer<SmsRecord> journal;
    private final Map<String, SmsBudget> budgets = new HashMap<>();
    /** RAISED events waiting for the broker's acknowledgement, by alarm id; their seq once staged. */
    private final Map<String, AlarmEvent> awaiting = new LinkedHashMap<>();
    private final Map<Long, String> awaitingSeqs = new HashMap<>();
    /** What each active alarm is about, to tell the critical TROUBLEs from the others. */
    private final Map<String, AlarmKey> keys = new HashMap<>();

    public SmsFallback(List<FallbackConfig.Recipient> recipients, SmsGateway modem, SmsTexts texts,
                       Scheduler scheduler, Consumer<SmsRecord> journal) {
        this.recipients = List.copyOf(recipients);
        this.modem = modem;
        this.texts = texts;
        this.scheduler = scheduler;
        this.journal = journal;
    }

    @Override
    public void onEvent(AlarmEvent event) {
        if (event.event() != AlarmEventKind.RAISED || event.test()) {
            return;
        }
        if (event.type() == AlarmType.FIRE) {
            toEveryone(event.type().name(), texts.alarm(event), event.alarmId());
        } else if (event.type() == AlarmType.WATER || event.type() == AlarmType.TROUBLE) {
            synchronized (this) {
                awaiting.put(event.alarmId(), event);
            }
            scheduler.schedule(UNACKNOWLEDGED, () -> unacknowledged(event.alarmId()));
        }
    }

    @Override
    public synchronized void onActiveChanged(List<ActiveAlarm> active) {
        active.stream().filter(a -> awaiting.containsKey(a.alarmId())).forEach(a -> keys.put(a.alarmId(), a.key()));
    }

    /**
     * The store gave an alarm event its seq, before offering the message to the uplink. Called by the store's
     * listener on the dispatcher's thread, under the store's memory lock: a map insert, nothing more.
     */
    public synchronized void staged(AlarmEvent event, long seq) {
        if (event.event() == AlarmEventKind.RAISED && awaiting.get(event.alarmId()) == event) {
            awaitingSeqs.put(seq, event.alarmId());
        }
    }

    /** The broker acknowledged a message. Called on the uplink's thread for every message: a map lookup. */
    public void acknowledged(long seq) {
        synchronized (this) {
            String alarmId = awaitingSeqs.remove(seq);
            if (alarmId != null) {
                awaiting.remove(alarmId);
                keys.remove(alarmId);
            }
        }
    }

    /** How many alarms wait for the broker's acknowledgement (the simulator lets them settle). */
    public synchronized int awaiting() {
        return awaiting.size();
    }

    private void unacknowledged(String alarmId) {
        AlarmEvent event;
        AlarmKey key;
        synchronized (this) {
            event = awaiting.remove(alarmId);
            key = keys.remove(alarmId);
            awaitingSeqs.values().remove(alarmId);
        }
        if (event == null) {
            return; // the broker has it
        }
        boolean critical = event.type() == AlarmType.WATER
                || key != null && key.about().equals("system") && CRITICAL.contains(key.id());
        if (critical) {
            toEveryone(event.type().name(), texts.alarm(event), event.alarmId());
        }
    }

    private void toEveryone(String type, String text, String alarmId) {
        recipients.forEach(r -> send(r, type, text, alarmId));
    }

    /**
     * Sends one text to one recipient within its hourly budget, or holds it for the digest. Also how the
     * answers to recipients' commands go out.
     */
    void send(FallbackConfig.Recipient recipient, String type, String text, String alarmId) {
        Instant now = scheduler.now();
        boolean admitted;
        boolean firstHeld;
        synchronized (this) {
            SmsBudget budget = budget(recipient);
            boolean alreadyHolding = budget.digestDue(now).isPresent();
            admitted = budget.admit(type, text, now);
            firstHeld = !admitted && !alreadyHolding;
        }
        if (admitted) {
            dispatch(recipient, text, alarmId);
        } else if (firstHeld) {
            scheduleDigest(recipient);
        }
    }

    private SmsBudget budget(FallbackConfig.Recipient recipient) {
        return budgets.computeIfAbsent(recipient.id(), id -> new SmsBudget());
    }

    private void scheduleDigest(FallbackConfig.Recipient recipient) {
        Instant now = scheduler.now();
        Instant due;
        synchronized (this) {
            due = budget(recipient).digestDue(now).orElse(null);
        }
        if (due != null) {
            scheduler.schedule(Duration.between(now, due), () -> digest(recipient));
        }
    }

    private void digest(FallbackConfig.Recipient recipient) {
        Instant now = scheduler.now();
        SmsBudget.Digest digest;
        synchronized (this) {
            digest = budget(recipient).takeDigest(now).orElse(null);
        }
        if (digest == null) {
            scheduleDigest(recipient);
            return;
        }
        // One held text goes as itself: a digest of one would only hide it.
        dispatch(recipient, digest.held() == 1 ? digest.latest()
                : texts.digest(digest.held(), digest.counts(), digest.latest(), now), "");
    }

    /** Hands an admitted text to the modem; its budget hears when the network took it, or that it was given up. */
    private void dispatch(FallbackConfig.Recipient recipient, String text, String alarmId) {
        modem.send(recipient.number(), text, outcome -> {
            Instant at = scheduler.now();
            synchronized (this) {
                if (outcome.sent()) {
                    budget(recipient).sent(at);
                } else if (outcome.last()) {
                    budget(recipient).gaveUp();
                }
            }
            journal.accept(new SmsRecord("out", recipient.number(), recipient.id(), text,
                    outcome.sent() ? "sent" : outcome.last() ? "gaveUp" : "failed",
                    outcome.detail() + " (attempt " + outcome.attempt() + ")", alarmId, at));
        });
    }
}
