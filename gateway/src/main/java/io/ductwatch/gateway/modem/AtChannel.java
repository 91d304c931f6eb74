package io.ductwatch.gateway.modem;

import io.ductwatch.gateway.core.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The AT command channel (3GPP TS 27.007 section 4, V.250 framing) over a {@link SerialLine}: one command at a
 * time, its information lines collected up to the final result code ({@code OK}, {@code ERROR},
 * {@code +CME ERROR: ...}, {@code +CMS ERROR: ...}), the command's own echo dropped, unsolicited result codes
 * ({@code +CMTI: ...}) handed to their listener, a deadline on every exchange. For {@code AT+CMGS} it waits
 * for the {@code > } prompt (which ends no line), sends the text and Ctrl-Z, or ESC to abandon it.
 *
 * <p>Confined: every method runs on the modem's {@link ConfinedScheduler}, and so do the futures' stages.
 */
final class AtChannel {

    private static final byte CTRL_Z = 0x1a;
    private static final byte ESC = 0x1b;
    private static final List<String> FINAL_ERRORS = List.of("ERROR", "+CME ERROR:", "+CMS ERROR:", "NO CARRIER",
            "BUSY", "NO ANSWER", "NO DIALTONE", "COMMAND NOT SUPPORT");
    /** Unsolicited result codes the gateway asks for or may get. */
    private static final List<String> UNSOLICITED = List.of("+CMTI:", "RING", "+CDSI:", "+CMT:");

    /** What a command got back: its information lines and its final result code. */
    record Response(List<String> lines, String result) {

        boolean ok() {
            return result.equals("OK");
        }

        /** The first information line starting with {@code prefix}, without it and trimmed. */
        Optional<String> value(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                    .findFirst();
        }
    }

    /**
     * A command that got no final result in time or could not be written, or, {@link #refused}, one the modem
     * answered with a refusal the gateway cannot do without.
     */
    static final class AtFailure extends Exception {

        private static final long serialVersionUID = 1L;
        private final boolean refused;

        AtFailure(String message) {
            this(message, false);
        }

        AtFailure(String message, boolean refused) {
            super(message);
            this.refused = refused;
        }

        /** Whether the modem answered (and refused), rather than staying silent or gone. */
        boolean refused() {
            return refused;
        }
    }

    private record Pending(String command, String body, Duration timeout, CompletableFuture<Response> result) {
    }

    private final SerialLine line;
    private final Scheduler scheduler;
    private final Consumer<String> unsolicited;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private final List<String> lines = new ArrayList<>();
    private Pending current;
    private boolean awaitingPrompt;
    private Scheduler.Cancellable deadline;

    AtChannel(SerialLine line, Scheduler scheduler, Consumer<String> unsolicited) {
        this.line = line;
        this.scheduler = scheduler;
        this.unsolicited = unsolicited;
    }

    /** Sends {@code AT...} and completes with its response, or fails after {@code timeout} without one. */
    CompletableFuture<Response> command(String command, Duration timeout) {
        return enqueue(new Pending(command, null, timeout, new CompletableFuture<>()));
    }

    /**
     * Sends a command that prompts for a body ({@code AT+CMGS="+82..."}), the body and Ctrl-Z once the prompt
     * came; completes with the final response, or fails after {@code timeout} (ESC sent if the prompt never came).
     */
    CompletableFuture<Response> withBody(String command, String body, Duration timeout) {
        return enqueue(new Pending(command, body, timeout, new CompletableFuture<>()));
    }

    /** Bytes from the line. */
    void received(byte[] bytes) {
        for (char c : new String(bytes, StandardCharsets.ISO_8859_1).toCharArray()) {
            if (c == '\n') {
                line(partial.toString().strip());
                partial.setLength(0);
            } else if (c != '\r') {
                partial.append(c);
            }
            if (awaitingPrompt && partial.toString().strip().equals(">")) {
                partial.setLength(0);
                prompted();
            }
        }
    }

    /** Fails the command in flight and every queued one: the line is gone. */
    void failAll(String why) {
        List<Pending> failing = new ArrayList<>(queue);
        queue.clear();
        if (current != null) {
            failing.add(0, current);
        }
        finish();
        partial.setLength(0);
        failing.forEach(p -> p.result().completeExceptionally(new AtFailure(why)));
    }

    private CompletableFuture<Response> enqueue(Pending pending) {
        queue.addLast(pending);
        next();
        return pending.result();
    }

    /** Sends the next queued command, unless one is in flight (a completed one's stages may have sent it). */
    private void next() {
        if (current != null) {
            return;
        }
        current = queue.pollFirst();
        if (current == null) {
            return;
        }
        lines.clear();
        Pending sending = current;
        deadline = scheduler.schedule(sending.timeout(), () -> timedOut(sending));
        awaitingPrompt = sending.body() != null;
        try {
            line.write((sending.command() + "\r").getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            fail(sending, sending.command() + ": cannot write to " + line.name() + ": " + e.getMessage());
        }
    }

    private void prompted() {
        awaitingPrompt = false;
        Pending sending = current;
        byte[] body = sending.body().getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = java.util.Arrays.copyOf(body, body.length + 1);
        bytes[body.length] = CTRL_Z;
        try {
            line.write(bytes);
        } catch (IOException e) {
            fail(sending, sending.command() + ": cannot write the text to " + line.name() + ": " + e.getMessage());
        }
    }

    private void line(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (current == null || UNSOLICITED.stream().anyMatch(text::startsWith)) {
            unsolicited.accept(text);
            return;
        }
        if (text.equals(current.command()) || text.equals(">")) {
            return; // the echo (before ATE0 took effect), or a prompt read as a line
        }
        if (text.equals("OK") || FINAL_ERRORS.stream().anyMatch(text::startsWith)) {
            Pending done = current;
            Response response = new Response(List.copyOf(lines), text);
            finish();
            done.result().complete(response);
            next();
        } else {
            lines.add(text);
        }
    }

    private void timedOut(Pending pending) {
        if (pending != current) {
            return;
        }
        if (awaitingPrompt) {
            try {
                line.write(new byte[] {ESC});
            } catch (IOException e) {
                // The line is going away; the timeout says enough.
            }
        }
        fail(pending, pending.command() + ": no answer within " + pending.timeout().toMillis() + " ms");
    }

    private void fail(Pending pending, String why) {
        if (pending != current) {
            return;
        }
        finish();
        pending.result().completeExceptionally(new AtFailure(why));
        next();
    }

    private void finish() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
        current = null;
        awaitingPrompt = false;
    }

    /** The failure a dialogue failed with: a future's {@link CompletionException} unwrapped. */
    static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
