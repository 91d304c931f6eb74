package io.ductwatch.gateway.core.fallback;

import java.util.function.Consumer;

/**
 * The cellular modem as the fallback policy sees it: a queue of texts to send. Implemented by the modem
 * adapter. Called on any thread (the alarm dispatcher's, the scheduler's, the modem's own); {@link #send}
 * returns at once and never waits for the serial line.
 */
public interface SmsGateway {

    /**
     * Queues one SMS. {@code attempts} hears each attempt's outcome, on the modem's thread, the last one with
     * {@link SmsOutcome#last()} set; a text waits in the queue while the modem is gone or without network.
     *
     * @param number international number ({@code +821055500101})
     * @param text   at most one SMS of printable ASCII ({@link SmsTexts#fit})
     */
    void send(String number, String text, Consumer<SmsOutcome> attempts);

    /**
     * One attempt to send an SMS and what came of it.
     *
     * @param sent    whether the network took it
     * @param detail  the modem's answer: {@code +CMGS: 17}, {@code +CMS ERROR: 500}, or why it was not tried
     * @param attempt 1 for the first attempt
     * @param last    whether no further attempt follows
     */
    record SmsOutcome(boolean sent, String detail, int attempt, boolean last) {
    }
}
