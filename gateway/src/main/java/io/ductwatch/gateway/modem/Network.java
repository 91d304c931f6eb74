package io.ductwatch.gateway.modem;

import io.ductwatch.gateway.modem.AtChannel.Response;
import java.util.Optional;

/**
 * What the modem's answers say of its network (TS 27.007 7.2, 7.3, 8.5): registered on 2G/3G ({@code +CREG})
 * or LTE ({@code +CEREG}), at home or roaming, and the signal ({@code +CSQ}, 99 unknown).
 *
 * @param canSend whether an SMS can go now: registered with a known signal
 * @param state   for people: {@code registered, signal -77 dBm}, or what is missing
 */
record Network(boolean canSend, String state) {

    static Network of(Response creg, Response cereg, Response csq) {
        boolean registered = registered(creg, "+CREG:") || registered(cereg, "+CEREG:");
        int rssi = csq.value("+CSQ:").flatMap(v -> AtText.number(AtText.fields(v, ""), 0)).orElse(99);
        String signal = rssi == 99 ? "signal unknown" : "signal " + (-113 + 2 * rssi) + " dBm";
        if (!registered) {
            String states = creg.ok() ? "+CREG: " + creg.value("+CREG:").orElse("?") : "+CREG? " + creg.result();
            return new Network(false, "no network: not registered (" + states + "), " + signal);
        }
        return rssi == 99 ? new Network(false, "no signal (+CSQ: 99)") : new Network(true, "registered, " + signal);
    }

    private static boolean registered(Response r, String prefix) {
        if (!r.ok()) {
            return false;
        }
        Optional<Integer> stat = r.value(prefix).flatMap(v -> AtText.number(AtText.fields(v, ""), 1));
        return stat.isPresent() && (stat.get() == 1 || stat.get() == 5);
    }
}
