package io.ductwatch.gateway.core.fallback;

import io.ductwatch.gateway.core.AlarmEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What the SMS say. Each names the site, the alarm's type and event, the zone, {@code positionM} and the
 * time, and fits one SMS: 160 characters of the GSM 7-bit alphabet, written as plain ASCII (the modem runs
 * with {@code AT+CSCS="IRA"}). Characters outside it, and those the GSM alphabet only has as two-character
 * escapes ({@code [ ] { } \ ^ ~ |}), are replaced; a longer text is cut with "..." at the end.
 */
public final class SmsTexts {

    /** One SMS in the GSM 7-bit alphabet. */
    public static final int MAX_LENGTH = 160;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String site;

    /** @param site how the SMS name the site: {@code example-duct/gw01} */
    public SmsTexts(String site) {
        this.site = site;
    }

    /** {@code ductwatch example-duct/gw01 FIRE RAISED Z2 @143.2m 2026-12-02 11:06:05Z: smoke ... ACK a1b2c3d4-7}. */
    public String alarm(AlarmEvent e) {
        String where = (e.zone().isEmpty() ? "" : " " + e.zone())
                + (Double.isNaN(e.positionM()) ? "" : String.format(Locale.ROOT, " @%.1fm", e.positionM()));
        String head = "ductwatch " + site + " " + e.type() + " " + e.event() + where + " " + time(e.at()) + ": ";
        String tail = ". ACK " + e.alarmId();
        return fit(head + clean(e.reason()), tail);
    }

    /** The digest that stands for the SMS the hourly limit held back. */
    public String digest(int held, String counts, String latest, Instant at) {
        return fit("ductwatch " + site + " " + time(at) + ": " + held + " more SMS held by the hourly limit ("
                + counts + "); latest: " + clean(latest), "");
    }

    /** The answer to {@code STATUS}. */
    public String status(String status, Instant at) {
        return fit("ductwatch " + site + " " + time(at) + ": " + clean(status), "");
    }

    /** The answer to a command from a recipient. */
    public String reply(String command, String outcome, Instant at) {
        return fit("ductwatch " + site + " " + time(at) + " " + clean(command) + ": " + clean(outcome), "");
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    /** {@code body} cut so that {@code body + tail} fits one SMS, {@code tail} kept whole. */
    static String fit(String body, String tail) {
        String text = clean(body);
        String end = clean(tail);
        if (text.length() + end.length() <= MAX_LENGTH) {
            return text + end;
        }
        return text.substring(0, Math.max(0, MAX_LENGTH - end.length() - 3)) + "..." + end;
    }

    /** Printable ASCII that the GSM 7-bit alphabet holds in one character each. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '[', '{' -> out.append('(');
                case ']', '}' -> out.append(')');
                case '\\', '|' -> out.append('/');
                case '^', '~', '`' -> out.append('\'');
                case '\u00b0' -> { } // 58 °C reads 58 C
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
        }
        return out.toString();
    }
}
