package io.ductwatch.gateway.core.fallback;

import java.time.Instant;

/**
 * One line of the fallback path's journal: an SMS attempt and its outcome, or an SMS received and what was
 * done with it. Logged and published on the {@code sms} topic (through the store, so it reaches the broker
 * when the uplink is back).
 *
 * @param direction {@code out} or {@code in}
 * @param number    the recipient's or the sender's number
 * @param recipient the recipient's id from the site file, empty for an unknown sender
 * @param text      the SMS
 * @param outcome   out: {@code sent}, {@code failed} (tried again), {@code gaveUp}; in: {@code accepted},
 *                  {@code refused}
 * @param detail    the modem's answer, or what the command did
 * @param alarmId   the alarm the SMS is about, empty if none
 * @param at        when
 */
public record SmsRecord(String direction, String number, String recipient, String text, String outcome, String detail,
                        String alarmId, Instant at) {
}
