package io.ductwatch.gateway.uplink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ductwatch.config.ConfigProblem;
import io.ductwatch.config.UplinkConfig;
import io.ductwatch.config.json.StrictJson;
import io.ductwatch.gateway.core.AuditEntry;
import io.ductwatch.gateway.core.CommandResult;
import io.ductwatch.gateway.core.Outbox;
import io.ductwatch.gateway.core.Outbox.Lane;
import io.ductwatch.gateway.core.RuleEngine;
import io.ductwatch.gateway.payload.Payloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator commands from MQTT ({@code cmd/ack}, {@code reset}, {@code silence}, {@code status},
 * {@code disable}, {@code enable}, {@code test}): each is parsed, checked field by field, authorized
 * against the site file's operator list, carried out by the rule engine, and answered on
 * {@code cmd/result} through the alarm lane, so the answer, like the audit trail it is part of, is
 * never lost. A malformed, stale, replayed or unauthorized command changes nothing and gets an error
 * reply naming what was wrong. Thread-safe; never throws.
 *
 * <p>Payload: a JSON object of at most 4 KiB, each key once, with {@code operator} (an id from the site
 * file), {@code requestId} (a text, new for each command, echoed back), {@code issuedAt} (ISO-8601 UTC,
 * within 60 s of the gateway's clock), and per command: ack {@code alarmId} (or {@code "*"});
 * reset optionally {@code zone}; disable {@code target} (sensor or zone) with {@code until}
 * (ISO-8601) or {@code durationS}; enable {@code target}; test {@code zone} with {@code until} or
 * {@code durationS}; silence and status nothing more.
 */
public final class CommandHandler {

    static final int MAX_PAYLOAD_BYTES = 4096;
    /** How far a command's {@code issuedAt} may be from the gateway's clock, either way. */
    static final Duration FRESH_FOR = Duration.ofSeconds(60);
    /** How long a request id is remembered, to refuse a replay. */
    static final Duration REMEMBER_REQUESTS = Duration.ofMinutes(10);
    /** Fields every command carries. */
    private static final Set<String> COMMON_FIELDS = Set.of("operator", "requestId", "issuedAt");

    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
    private static final ObjectMapper JSON = StrictJson.mapper();
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "ack", Set.of("alarmId"),
            "reset", Set.of("zone"),
            "silence", Set.of(),
            "status", Set.of(),
            "disable", Set.of("target", "until", "durationS"),
            "enable", Set.of("target"),
            "test", Set.of("zone", "until", "durationS"));

    private final Topics topics;
    private final List<UplinkConfig.Operator> operators;
    private final RuleEngine engine;
    private final Outbox outbox;
    private final Payloads payloads;
    private final Supplier<Instant> clock;
    private final BooleanSupplier timeSynced;
    private final Runnable wake;
    private final Consumer<AuditEntry> audit;
    private final RecentRequests requests = new RecentRequests(REMEMBER_REQUESTS);

    public CommandHandler(Topics topics, List<UplinkConfig.Operator> operators, RuleEngine engine, Outbox outbox,
                          Payloads payloads, Supplier<Instant> clock, BooleanSupplier timeSynced, Runnable wake,
                          Consumer<AuditEntry> audit) {
        this.topics = topics;
        this.operators = List.copyOf(operators);
        this.engine = engine;
        this.outbox = outbox;
        this.payloads = payloads;
        this.clock = clock;
        this.timeSynced = timeSynced;
        this.wake = wake;
        this.audit = audit;
    }

    /** A command as it arrived: its topic, raw payload and retain flag. */
    public void handle(String topic, byte[] payload, boolean retained) {
        Instant at = clock.get();
        String command = topic.startsWith(topics.root() + "cmd/") ? topic.substring((topics.root() + "cmd/").length())
                : topic;
        String requestId = null;
        CommandResult result;
        try {
            JsonNode json = parse(payload);
            requestId = requestId(json);
            checkFresh(command, json, retained, requestId, at);
            result = execute(command, json, at);
        } catch (Refused e) {
            result = CommandResult.refused(e.getMessage());
            audit.accept(new AuditEntry(at, operatorOf(payload), command, "", false, e.getMessage()));
        }
        answer(command, requestId, result, at);
    }

    /** The request id, which every command carries as a text; a wrong one is refused, not ignored. */
    private static String requestId(JsonNode json) throws Refused {
        String id = text(json, "requestId", true).orElseThrow();
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new Refused("field 'requestId' must not hold control characters");
        }
        return id;
    }

    /**
     * Refuses what could be a stale or replayed order: a retained command (the broker would hand it to the
     * gateway again at every reconnect), a deeper topic than {@code cmd/NAME}, an {@code issuedAt} more
     * than {@link #FRESH_FOR} away from the gateway's clock, and a request id already seen within
     * {@link #REMEMBER_REQUESTS}. Only a command that passes is remembered.
     */
    private void checkFresh(String command, JsonNode json, boolean retained, String requestId, Instant at)
            throws Refused {
        if (retained) {
            throw new Refused("a retained command is refused: the broker would replay it at every connect;"
                    + " publish commands without the retain flag (and clear this one with an empty retained message)");
        }
        if (command.contains("/")) {
            throw new Refused("commands are published on " + topics.root() + "cmd/NAME, not on a deeper topic ('"
                    + command + "')");
        }
        String issued = text(json, "issuedAt", true).orElseThrow();
        Instant issuedAt;
        try {
            issuedAt = Instant.parse(issued);
        } catch (DateTimeParseException e) {
            throw new Refused("'issuedAt' is not an ISO-8601 UTC instant like 2026-11-27T12:00:00.000Z");
        }
        Duration age = Duration.between(issuedAt, at);
        if (age.compareTo(FRESH_FOR) > 0) {
            throw new Refused("stale command: issued at " + issuedAt + ", " + age.toSeconds()
                    + " s before the gateway's clock (" + at + "); at most " + FRESH_FOR.toSeconds() + " s");
        }
        if (age.negated().compareTo(FRESH_FOR) > 0) {
            throw new Refused("command issued in the future: " + issuedAt + " is " + age.negated().toSeconds()
                    + " s ahead of the gateway's clock (" + at + "); at most " + FRESH_FOR.toSeconds() + " s");
        }
        if (!requests.remember(requestId, at)) {
            throw new Refused("requestId '" + requestId + "' was already used in the last "
                    + REMEMBER_REQUESTS.toMinutes() + " minutes: a replay is refused; give each command a new id");
        }
    }

    private CommandResult execute(String command, JsonNode json, Instant at) throws Refused {
        Set<String> allowed = FIELDS.get(command);
        if (allowed == null) {
            throw new Refused("unknown command '" + command + "'; commands: ack, reset, silence, status, disable,"
                    + " enable, test");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name) && !COMMON_FIELDS.contains(name)) {
                throw new Refused("unknown field '" + name + "' for " + command);
            }
        }
        String operator = text(json, "operator", true).orElseThrow();
        Optional<UplinkConfig.Operator> known = operators.stream().filter(o -> o.id().equals(operator)).findFirst();
        if (known.isEmpty()) {
            throw new Refused("operator '" + operator + "' is not in the site file's operator list");
        }
        if (!known.get().commands().contains(command)) {
            throw new Refused("operator '" + operator + "' may not send " + command);
        }
        return switch (command) {
            case "ack" -> engine.acknowledge(text(json, "alarmId", true).orElseThrow(), operator, at);
            case "reset" -> engine.reset(text(json, "zone", false), operator, at);
            case "silence" -> engine.silence(operator, at);
            case "status" -> {
                audit.accept(new AuditEntry(at, operator, "status", "", true, "status requested"));
                yield CommandResult.ok(engine.activeAlarms().size() + " active alarm(s), "
                        + engine.faultySensors().size() + " faulty sensor(s), " + outbox.pending() + " message(s) pending");
            }
            case "disable" -> engine.disable(text(json, "target", true).orElseThrow(), until(json, at), operator, at);
            case "enable" -> engine.enable(text(json, "target", true).orElseThrow(), operator, at);
            case "test" -> engine.test(text(json, "zone", true).orElseThrow(), until(json, at), operator, at);
            default -> throw new Refused("unknown command '" + command + "'");
        };
    }

    private static JsonNode parse(byte[] payload) throws Refused {
        if (payload.length == 0) {
            throw new Refused("empty payload; a command is a JSON object with at least 'operator'");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new Refused("payload of " + payload.length + " bytes; at most " + MAX_PAYLOAD_BYTES);
        }
        JsonNode json;
        try {
            json = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new Refused("not JSON: " + e.getOriginalMessage()
                    + (e.getOriginalMessage().startsWith("Duplicate field") ? " (a key may appear once)" : ""));
        }
        if (json == null || !json.isObject()) {
            throw new Refused("a command is a JSON object");
        }
        return json;
    }

    private static Optional<String> text(JsonNode json, String field, boolean required) throws Refused {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new Refused("missing field '" + field + "'");
            }
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > 128) {
            throw new Refused("field '" + field + "' must be a non-empty text of at most 128 characters");
        }
        return Optional.of(node.asText());
    }

    private static Instant until(JsonNode json, Instant at) throws Refused {
        boolean hasUntil = json.hasNonNull("until");
        boolean hasDuration = json.hasNonNull("durationS");
        if (hasUntil == hasDuration) {
            throw new Refused("give exactly one of 'until' (ISO-8601) and 'durationS'");
        }
        if (hasDuration) {
            JsonNode node = json.get("durationS");
            if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 1
                    || node.asLong() > Duration.ofDays(7).toSeconds()) {
                throw new Refused("'durationS' must be a whole number of seconds from 1 to 604800 (7 days)");
            }
            return at.plusSeconds(node.asLong());
        }
        try {
            return Instant.parse(json.get("until").asText());
        } catch (DateTimeParseException e) {
            throw new Refused("'until' is not an ISO-8601 instant like 2026-11-27T12:00:00.000Z");
        }
    }

    private static String operatorOf(byte[] payload) {
        try {
            JsonNode json = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
            return json != null && json.hasNonNull("operator") ? json.get("operator").asText() : "?";
        } catch (JsonProcessingException e) {
            return "?";
        }
    }

    private void answer(String command, String requestId, CommandResult result, Instant at) {
        if (!result.ok()) {
            // The topic and the message echo what a client sent: one line in the journal, whatever it sent.
            LOG.warn("command {} refused: {}", ConfigProblem.escape(command), ConfigProblem.escape(result.message()));
        }
        boolean synced = timeSynced.getAsBoolean();
        outbox.append(Lane.ALARM, topics.commandResult(), at,
                seq -> payloads.commandResult(seq, at, command, requestId, result.ok(), result.message(), synced));
        wake.run();
    }

    /** A command that is refused before it reaches the engine. */
    private static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
