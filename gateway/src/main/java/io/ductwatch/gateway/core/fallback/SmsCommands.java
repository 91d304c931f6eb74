package io.ductwatch.gateway.core.fallback;

import io.ductwatch.config.FallbackConfig;
import io.ductwatch.gateway.core.AuditEntry;
import io.ductwatch.gateway.core.CommandResult;
import io.ductwatch.gateway.core.RuleEngine;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What recipients may answer by SMS: {@code ACK <alarmId>} (or {@code ACK *}) and {@code STATUS}. Accepted only
 * from the site file's recipients, audited either way, answered by SMS within the recipient's hourly budget.
 * An SMS from any other number is refused, audited and journaled, and never answered (a stranger learns nothing
 * and cannot make the gateway spend its SMS). Called on the modem's thread; the engine is thread-safe.
 */
public final class SmsCommands implements Consumer<IncomingSms> {

    private final FallbackConfig fallback;
    private final RuleEngine engine;
    private final SmsFallback outgoing;
    private final SmsTexts texts;
    private final Supplier<String> status;
    private final Consumer<AuditEntry> audit;
    private final Consumer<SmsRecord> journal;

    /**
     * @param status the gateway's state in a few words, for {@code STATUS}
     * @param audit  the audit trail, for what the engine does not audit itself (STATUS, refusals)
     */
    public SmsCommands(FallbackConfig fallback, RuleEngine engine, SmsFallback outgoing, SmsTexts texts,
                       Supplier<String> status, Consumer<AuditEntry> audit, Consumer<SmsRecord> journal) {
        this.fallback = fallback;
        this.engine = engine;
        this.outgoing = outgoing;
        this.texts = texts;
        this.status = status;
        this.audit = audit;
        this.journal = journal;
    }

    @Override
    public void accept(IncomingSms sms) {
        String text = sms.text().strip();
        String[] words = text.split("\\s+", 3);
        String command = words[0].toLowerCase(Locale.ROOT);
        Optional<FallbackConfig.Recipient> sender = fallback.recipient(sms.from());
        if (sender.isEmpty()) {
            String why = "sender " + sms.from() + " is not a recipient in the site file";
            audit.accept(new AuditEntry(sms.at(), "sms:" + sms.from(), command, words.length > 1 ? words[1] : "", false,
                    why));
            journal.accept(new SmsRecord("in", sms.from(), "", SmsTexts.clean(text), "refused", why, "", sms.at()));
            return;
        }
        FallbackConfig.Recipient recipient = sender.get();
        String operator = "sms:" + recipient.id();
        CommandResult result;
        String alarmId = "";
        if (command.equals("ack") && words.length == 2) {
            alarmId = words[1];
            result = engine.acknowledge(alarmId, operator, sms.at()); // audited by the engine
        } else if (command.equals("status") && words.length == 1) {
            result = CommandResult.ok(status.get());
            audit.accept(new AuditEntry(sms.at(), operator, "status", "", true, "status requested by SMS"));
        } else {
            result = CommandResult.refused("unknown command; answer ACK <alarmId> or STATUS");
            audit.accept(new AuditEntry(sms.at(), operator, command, "", false, result.message()));
        }
        journal.accept(new SmsRecord("in", sms.from(), recipient.id(), SmsTexts.clean(text),
                result.ok() ? "accepted" : "refused", result.message(), alarmId, sms.at()));
        String reply = command.equals("status") && result.ok() ? texts.status(result.message(), sms.at())
                : texts.reply(command.toUpperCase(Locale.ROOT) + (words.length > 1 ? " " + words[1] : ""),
                        result.message(), sms.at());
        outgoing.send(recipient, SmsBudget.ANSWER, reply, alarmId);
    }
}
