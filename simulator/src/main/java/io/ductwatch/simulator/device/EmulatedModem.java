package io.ductwatch.simulator.device;

import io.ductwatch.gateway.core.Scheduler;
import io.ductwatch.gateway.modem.SerialLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cellular modem's AT port, emulated at the byte level behind the gateway's {@link SerialLine}, as the chips
 * are behind Pi4J: echo until {@code ATE0}, {@code OK}/{@code ERROR} and {@code +CME ERROR} in the form
 * {@code AT+CMEE} asks for, SIM and PIN ({@code AT+CPIN}), registration and signal ({@code AT+CREG?},
 * {@code AT+CEREG?}, {@code AT+CSQ}), text-mode SMS ({@code AT+CMGF=1}, {@code AT+CMGS} with the {@code > }
 * prompt and Ctrl-Z or ESC, {@code +CMGS: <mr>} or {@code +CMS ERROR}), received SMS announced ({@code +CMTI})
 * and kept in its {@link SimMessageStorage} ({@code AT+CMGR}, {@code AT+CMGD}, {@code AT+CMGL}). Answers take
 * {@link #ANSWER_DELAY}, a submitted SMS {@link #NETWORK_DELAY}, on the scheduler the run drives. The scenario's
 * faults act on it: no signal, no SIM, gone from USB, hung, or the network refusing SMS. It keeps every SMS it
 * sent.
 */
public final class EmulatedModem implements SerialLine {

    public static final Duration ANSWER_DELAY = Duration.ofMillis(20);
    public static final Duration NETWORK_DELAY = Duration.ofSeconds(2);
    private static final char CTRL_Z = 0x1a;
    private static final char ESC = 0x1b;

    /** What can be wrong with it. */
    public enum Fault { NONE, NO_SIGNAL, SIM_MISSING, GONE, HANG, SMS_ERROR }

    /** An SMS the network took from it. */
    public record SentSms(Instant at, String to, String text) {
    }

    private final String device;
    private final Scheduler scheduler;
    private final Optional<String> simPin;
    private final List<SentSms> sent = new CopyOnWriteArrayList<>();
    private volatile java.util.function.Consumer<SentSms> onSent = sms -> { };
    private final SimMessageStorage storage = new SimMessageStorage();
    private final StringBuilder input = new StringBuilder();
    private final java.util.Set<String> lacking = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Listener listener;
    private Fault fault = Fault.NONE;
    private boolean echo = true;
    private int cmee;
    private boolean textMode;
    private boolean indications;
    private boolean pinEntered;
    private String promptFor;
    private int reference;

    /** @param simPin the PIN the SIM asks for, or empty for a SIM without one */
    public EmulatedModem(String device, Scheduler scheduler, Optional<String> simPin) {
        this.device = device;
        this.scheduler = scheduler;
        this.simPin = simPin;
    }

    @Override
    public synchronized void open(Listener listener) throws IOException {
        if (fault == Fault.GONE) {
            throw new IOException(device + ": no such device (the modem is gone from USB)");
        }
        this.listener = listener;
        input.setLength(0);
        promptFor = null;
        echo = true;
        cmee = 0;
        textMode = false;
        indications = false;
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        if (listener == null || fault == Fault.GONE) {
            throw new IOException(device + ": the device is not there");
        }
        if (fault == Fault.HANG) {
            return;
        }
        for (char c : new String(bytes, StandardCharsets.ISO_8859_1).toCharArray()) {
            if (promptFor != null) {
                body(c);
            } else {
                if (echo) {
                    emit(String.valueOf(c), Duration.ZERO);
                }
                if (c == '\r') {
                    command(input.toString().trim());
                    input.setLength(0);
                } else if (c != '\n') {
                    input.append(c);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        listener = null;
    }

    @Override
    public String name() {
        return device;
    }

    /** Sets a fault; a modem gone from USB tells an open line it was lost. */
    public synchronized void setFault(Fault fault) {
        this.fault = fault;
        if (fault == Fault.GONE && listener != null) {
            Listener lost = listener;
            listener = null;
            scheduler.schedule(Duration.ZERO, () -> lost.lost(device + " disconnected"));
        }
    }

    /** An SMS arrives from the network: stored, and announced with {@code +CMTI} if indications are on. */
    public synchronized void receive(String from, String text) {
        int index = storage.store(from, text);
        if (indications) {
            emit("\r\n+CMTI: \"SM\"," + index + "\r\n", ANSWER_DELAY);
        }
    }

    /** Tells {@code listener} of each SMS the network takes, on the scheduler's thread. */
    public void onSent(java.util.function.Consumer<SentSms> listener) {
        this.onSent = listener;
    }

    /**
     * Makes the modem answer {@code ERROR} to a command its firmware lacks or refuses ({@code AT+CEREG?} on a
     * 2G/3G-only modem, {@code AT+CMGF=1} on a PDU-only one), matched as written, case aside.
     */
    public void lacks(String command) {
        lacking.add(command.toUpperCase(Locale.ROOT));
    }

    /** Every SMS the network took, in order. */
    public List<SentSms> sent() {
        return List.copyOf(sent);
    }

    /** How many received SMS it still stores. */
    public synchronized int stored() {
        return storage.size();
    }

    private void command(String line) {
        if (line.isEmpty()) {
            return;
        }
        String upper = line.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("AT") || lacking.contains(upper)) {
            answer("ERROR");
            return;
        }
        String cmd = upper.substring(2);
        switch (cmd) {
            case "" -> answer("OK");
            case "E0", "E1" -> {
                echo = cmd.equals("E1");
                answer("OK");
            }
            case "+CPIN?" -> cpinQuery();
            case "+CREG?" -> answer(registered("+CREG"), "OK");
            case "+CEREG?" -> answer(registered("+CEREG"), "OK");
            case "+CSQ" -> answer(fault == Fault.NO_SIGNAL ? "+CSQ: 99,99" : "+CSQ: 18,99", "OK");
            case "+CMGF=1", "+CMGF=0" -> {
                textMode = cmd.endsWith("1");
                answer("OK");
            }
            default -> extended(line, cmd);
        }
    }

    private void extended(String line, String cmd) {
        if (cmd.startsWith("+CMEE=")) {
            cmee = cmd.endsWith("2") ? 2 : cmd.endsWith("1") ? 1 : 0;
            answer("OK");
        } else if (cmd.startsWith("+CSCS=")) {
            answer("OK");
        } else if (cmd.startsWith("+CNMI=")) {
            indications = cmd.startsWith("+CNMI=2,1") || cmd.startsWith("+CNMI=1,1");
            answer("OK");
        } else if (cmd.startsWith("+CPIN=")) {
            enterPin(line.substring(line.indexOf('=') + 1).replace("\"", ""));
        } else if (cmd.startsWith("+CMGS=")) {
            startSms(line.substring(line.indexOf('=') + 1).replace("\"", ""));
        } else if (cmd.startsWith("+CMGR=")) {
            Integer index = parse(cmd.substring(6));
            Optional<List<String>> sms = index == null ? Optional.empty() : storage.read(index);
            sms.ifPresentOrElse(lines -> answer(withOk(lines)), () -> answer(cms(321)));
        } else if (cmd.startsWith("+CMGD=")) {
            Integer index = parse(cmd.substring(6).split(",")[0]);
            if (index == null) {
                answer(cms(321));
            } else {
                storage.delete(index);
                answer("OK");
            }
        } else if (cmd.startsWith("+CMGL=")) {
            answer(withOk(storage.listUnread()));
        } else {
            answer("ERROR");
        }
    }

    private void cpinQuery() {
        if (fault == Fault.SIM_MISSING) {
            answer(cme(10, "SIM not inserted"));
        } else if (simPin.isPresent() && !pinEntered) {
            answer("+CPIN: SIM PIN", "OK");
        } else {
            answer("+CPIN: READY", "OK");
        }
    }

    private void enterPin(String pin) {
        if (fault == Fault.SIM_MISSING) {
            answer(cme(10, "SIM not inserted"));
        } else if (simPin.isEmpty() || pinEntered) {
            answer(cme(3, "operation not allowed"));
        } else if (simPin.get().equals(pin)) {
            pinEntered = true;
            answer("OK");
        } else {
            answer(cme(16, "incorrect password"));
        }
    }

    private String registered(String prefix) {
        boolean home = fault != Fault.NO_SIGNAL && fault != Fault.SIM_MISSING;
        return prefix + ": 0," + (home ? 1 : 2);
    }

    private void startSms(String number) {
        if (!textMode) {
            answer(cms(302));
        } else if (fault == Fault.SIM_MISSING) {
            answer(cms(310));
        } else {
            promptFor = number;
            emit("\r\n> ", ANSWER_DELAY);
        }
    }

    private void body(char c) {
        if (c == CTRL_Z) {
            String to = promptFor;
            String text = input.toString();
            promptFor = null;
            input.setLength(0);
            if (fault == Fault.NO_SIGNAL) {
                emit("\r\n" + cms(331) + "\r\n", NETWORK_DELAY);
            } else if (fault == Fault.SMS_ERROR) {
                emit("\r\n" + cms(500) + "\r\n", NETWORK_DELAY);
            } else {
                int mr = ++reference % 256;
                scheduler.schedule(NETWORK_DELAY, () -> {
                    SentSms sms = new SentSms(scheduler.now(), to, text);
                    sent.add(sms);
                    onSent.accept(sms);
                });
                emit("\r\n+CMGS: " + mr + "\r\n\r\nOK\r\n", NETWORK_DELAY);
            }
        } else if (c == ESC) {
            promptFor = null;
            input.setLength(0);
            emit("\r\nOK\r\n", ANSWER_DELAY);
        } else {
            input.append(c);
        }
    }

    private static String[] withOk(List<String> lines) {
        List<String> answer = new ArrayList<>(lines);
        answer.add("OK");
        return answer.toArray(String[]::new);
    }

    private String cme(int code, String text) {
        return cmee == 2 ? "+CME ERROR: " + text : cmee == 1 ? "+CME ERROR: " + code : "ERROR";
    }

    private String cms(int code) {
        return cmee == 0 ? "ERROR" : "+CMS ERROR: " + code;
    }

    /** Each line framed as V.250 verbose answers are: CR LF before and after. */
    private void answer(String... lines) {
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            out.append("\r\n").append(l).append("\r\n");
        }
        emit(out.toString(), ANSWER_DELAY);
    }

    private void emit(String text, Duration delay) {
        Listener to = listener;
        if (to == null) {
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        scheduler.schedule(delay, () -> {
            synchronized (this) {
                if (listener != to || fault == Fault.GONE || fault == Fault.HANG) {
                    return;
                }
            }
            to.received(bytes);
        });
    }

    private static Integer parse(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
