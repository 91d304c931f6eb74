package io.ductwatch.gateway.modem;

import io.ductwatch.gateway.core.fallback.IncomingSms;
import io.ductwatch.gateway.modem.AtChannel.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS that reach the modem (TS 27.005 text mode): announced by {@code +CMTI: "SM",<index>}, read with
 * {@code AT+CMGR}, handed on, then deleted with {@code AT+CMGD} so the SIM never fills; at set-up the unread
 * ones that came while nobody listened, with {@code AT+CMGL="REC UNREAD"}. Runs on the modem's confined
 * scheduler, through its AT channel.
 */
final class SmsInbox {

    private static final Logger LOG = LoggerFactory.getLogger(SmsInbox.class);

    private final Function<String, CompletableFuture<Response>> at;
    private final Supplier<Instant> clock;
    private final Consumer<IncomingSms> incoming;

    /** @param at sends one AT command and completes with its response */
    SmsInbox(Function<String, CompletableFuture<Response>> at, Supplier<Instant> clock, Consumer<IncomingSms> incoming) {
        this.at = at;
        this.clock = clock;
        this.incoming = incoming;
    }

    /** The dialogue that reads the SMS an unsolicited line announces, if it announces one. */
    Optional<CompletableFuture<Void>> announced(String line) {
        if (!line.startsWith("+CMTI:")) {
            return Optional.empty();
        }
        return AtText.number(AtText.fields(line, "+CMTI:"), 1).map(this::read);
    }

    private CompletableFuture<Void> read(int index) {
        return at.apply("AT+CMGR=" + index).thenCompose(r -> {
            if (r.ok() && !r.lines().isEmpty() && r.lines().get(0).startsWith("+CMGR:")) {
                List<String> header = AtText.fields(r.lines().get(0), "+CMGR:");
                deliver(header.size() > 1 ? header.get(1) : "", r.lines().subList(1, r.lines().size()));
            }
            return at.apply("AT+CMGD=" + index).thenApply(d -> (Void) null);
        });
    }

    /** Reads, hands on and deletes the unread SMS stored on the SIM. */
    CompletableFuture<Void> readStored() {
        return at.apply("AT+CMGL=\"REC UNREAD\"").thenCompose(r -> {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            List<String> lines = r.ok() ? r.lines() : List.of();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).startsWith("+CMGL:")) {
                    continue;
                }
                List<String> header = AtText.fields(lines.get(i), "+CMGL:");
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("+CMGL:")) {
                    end++;
                }
                deliver(header.size() > 2 ? header.get(2) : "", lines.subList(i + 1, end));
                Optional<Integer> index = AtText.number(header, 0);
                if (index.isPresent()) {
                    chain = chain.thenCompose(x -> at.apply("AT+CMGD=" + index.get())).thenApply(x -> (Void) null);
                }
            }
            return chain;
        });
    }

    private void deliver(String from, List<String> text) {
        IncomingSms sms = new IncomingSms(from, String.join("\n", text), clock.get());
        try {
            incoming.accept(sms);
        } catch (RuntimeException e) {
            LOG.error("handling the SMS from {} failed", from, e);
        }
    }
}
