package io.ductwatch.simulator.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SIM's message storage ({@code "SM"}) of an {@link EmulatedModem}, in TS 27.005 text mode: each SMS received
 * is kept at the next index, read with {@code AT+CMGR} (which marks it read), listed with
 * {@code AT+CMGL="REC UNREAD"} (which marks those read) and deleted with {@code AT+CMGD}. It gives the answer lines
 * of those commands; the modem frames them. Not thread-safe: the modem uses it under its own lock.
 */
final class SimMessageStorage {

    /** The service-centre time stamp every stored SMS shows: the emulation keeps no network clock. */
    private static final String TIME_STAMP = "\"26/01/01,00:00:00+00\"";

    private record Stored(String from, String text, boolean read) {
    }

    private final TreeMap<Integer, Stored> messages = new TreeMap<>();

    /** Keeps an SMS from the network at one past the highest index in use, or 1; returns that index. */
    int store(String from, String text) {
        int index = messages.isEmpty() ? 1 : messages.lastKey() + 1;
        messages.put(index, new Stored(from, text, false));
        return index;
    }

    /** The {@code +CMGR} answer for the SMS at {@code index}, which is read from now on; empty if none is there. */
    Optional<List<String>> read(int index) {
        Stored sms = messages.get(index);
        if (sms == null) {
            return Optional.empty();
        }
        messages.put(index, new Stored(sms.from(), sms.text(), true));
        return Optional.of(List.of("+CMGR: \"" + (sms.read() ? "REC READ" : "REC UNREAD") + "\",\"" + sms.from()
                + "\",," + TIME_STAMP, sms.text(), ""));
    }

    /** The {@code +CMGL="REC UNREAD"} answer: every unread SMS, lowest index first; all are read from now on. */
    List<String> listUnread() {
        List<String> lines = new ArrayList<>();
        messages.forEach((index, sms) -> {
            if (!sms.read()) {
                lines.add("+CMGL: " + index + ",\"REC UNREAD\",\"" + sms.from() + "\",," + TIME_STAMP);
                lines.add(sms.text());
            }
        });
        messages.replaceAll((i, sms) -> new Stored(sms.from(), sms.text(), true));
        return lines;
    }

    /** Deletes the SMS at {@code index}, if one is there ({@code AT+CMGD} answers OK either way). */
    void delete(int index) {
        messages.remove(index);
    }

    /** How many SMS it holds. */
    int size() {
        return messages.size();
    }
}
