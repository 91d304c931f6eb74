package io.ductwatch.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The fallback path (DESIGN 3): a cellular modem that sends alarm SMS when the MQTT uplink may be burning
 * with the duct, and the people who receive them.
 *
 * @param modem      the modem's serial line
 * @param recipients who gets the SMS, and who may answer {@code ACK} or {@code STATUS}
 */
public record FallbackConfig(Modem modem, List<Recipient> recipients) {

    public FallbackConfig {
        recipients = List.copyOf(recipients);
    }

    /**
     * A 3GPP modem speaking AT commands over a serial line (a USB LTE modem's AT port).
     *
     * @param device  the serial device, {@code /dev/ttyUSB2} or a stable udev name
     * @param baud    the line speed
     * @param pinFile the file holding the SIM's PIN, if the SIM has one
     */
    public record Modem(String device, int baud, Optional<Path> pinFile) {
    }

    /**
     * One recipient of alarm SMS.
     *
     * @param id     who it is, as the audit trail names them ({@code duty-engineer})
     * @param number international number as the network presents a sender ({@code +821055501234})
     */
    public record Recipient(String id, String number) {
    }

    /** The recipient with this number, if any: incoming SMS are accepted only from recipients. */
    public Optional<Recipient> recipient(String number) {
        return recipients.stream().filter(r -> r.number().equals(number)).findFirst();
    }
}
