package io.ductwatch.gateway.modem;

import io.ductwatch.gateway.core.fallback.SmsGateway.SmsOutcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The SMS waiting to leave the modem (TS 27.005 text mode), sent one at a time with {@code AT+CMGS} while the modem
 * can send. A text is given up after {@link #ATTEMPTS} failures; a refusal for want of network service
 * ({@link #NO_SERVICE}) does not count, the text waits for the network. Beyond {@link #QUEUE_LIMIT} waiting texts
 * the oldest is given up. Each attempt's outcome goes to the sender's callback. Runs on the modem's confined
 * scheduler, through its AT channel, as {@link SmsInbox} does.
 */
final class SmsOutbox {

    /** Deadline of {@code AT+CMGS}: the network's answer can take tens of seconds. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    /** Attempts per SMS, {@link #RETRY_AFTER} apart. */
    static final int ATTEMPTS = 3;
    /** After a refused text the modem's registration is checked again, and the next attempt made, this much later. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    /**
     * {@code +CMS ERROR}s of a text the network never took in (TS 27.005 3.2.5): no network service, network
     * timeout.
     */
    static final Set<String> NO_SERVICE = Set.of("+CMS ERROR: 331", "+CMS ERROR: 332",
            "+CMS ERROR: no network service", "+CMS ERROR: network timeout");
    /** Texts kept while the modem cannot send; beyond it the oldest is given up. */
    static final int QUEUE_LIMIT = 200;

    /** A queued text; {@code tried} counts its attempts and, second, the failures that count toward giving up. */
    private record Outgoing(String number, String text, Consumer<SmsOutcome> attempts, int[] tried) {
    }

    private final AtChannel channel;
    private final BooleanSupplier canSend;
    private final Consumer<String> lineFailed;
    private final Runnable refused;
    private final Deque<Outgoing> queue = new ArrayDeque<>();
    private boolean sending;

    /**
     * All three are called on the modem's thread.
     *
     * @param canSend    whether the modem is set up and registered with a signal
     * @param lineFailed the line failed during a send: the modem closes it, to open it again at its next supervision
     * @param refused    the modem refused a text: it checks its registration again {@link #RETRY_AFTER} later and
     *                   then sends the next attempt
     */
    SmsOutbox(AtChannel channel, BooleanSupplier canSend, Consumer<String> lineFailed, Runnable refused) {
        this.channel = channel;
        this.canSend = canSend;
        this.lineFailed = lineFailed;
        this.refused = refused;
    }

    /** Queues a text (its number already checked) and sends it when its turn comes. */
    void add(String number, String text, Consumer<SmsOutcome> attempts) {
        if (queue.size() >= QUEUE_LIMIT) {
            Outgoing dropped = queue.removeFirst();
            dropped.attempts().accept(new SmsOutcome(false, "given up unsent: " + QUEUE_LIMIT
                    + " texts waiting for the modem", dropped.tried()[0], true));
        }
        queue.addLast(new Outgoing(number, text, attempts, new int[2]));
        pump();
    }

    /** Sends the oldest waiting text, unless one is being sent or the modem cannot send now. */
    void pump() {
        if (sending || queue.isEmpty() || !canSend.getAsBoolean()) {
            return; // texts wait for a modem that is set up and on the network
        }
        sending = true;
        Outgoing sms = queue.peekFirst();
        int attempt = ++sms.tried()[0];
        channel.withBody("AT+CMGS=" + AtText.quotedNumber(sms.number()), sms.text(), SEND_TIMEOUT)
                .whenComplete((r, e) -> {
                    sending = false;
                    if (e == null && r.ok()) {
                        queue.remove(sms);
                        sms.attempts().accept(new SmsOutcome(true, r.value("+CMGS:").map(v -> "+CMGS: " + v)
                                .orElse("OK"), attempt, true));
                        pump();
                        return;
                    }
                    String why = e == null ? r.result() : AtChannel.cause(e).getMessage();
                    // A text the network never saw (no service) waits for the network; other failures count.
                    boolean counts = e != null || !NO_SERVICE.contains(why);
                    boolean last = counts && ++sms.tried()[1] >= ATTEMPTS;
                    if (last) {
                        queue.remove(sms);
                    }
                    sms.attempts().accept(new SmsOutcome(false, why, attempt, last));
                    if (e != null) {
                        lineFailed.accept(why); // opened again, set up and checked at the next supervision, which sends
                    } else {
                        refused.run();
                    }
                });
    }
}
