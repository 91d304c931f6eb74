package io.ductwatch.gateway.uplink;

import java.util.ArrayList;
import java.util.List;

/**
 * The MQTT topics of one gateway (DESIGN 2.2): {@code ductwatch/{site}/{gateway}/...}.
 *
 * @param root {@code ductwatch/SITE/GATEWAY/}
 */
public record Topics(String root) {

    /** The operator commands, each on {@code cmd/NAME}. */
    public static final List<String> COMMANDS = List.of("ack", "reset", "silence", "status", "disable", "enable",
            "test");

    public static Topics of(String siteId, String gatewayId) {
        return new Topics("ductwatch/" + siteId + "/" + gatewayId + "/");
    }

    public String status() {
        return root + "status";
    }

    public String alarm() {
        return root + "alarm";
    }

    public String alarmsActive() {
        return root + "alarms/active";
    }

    public String reading() {
        return root + "reading";
    }

    public String gap() {
        return root + "gap";
    }

    public String command(String name) {
        return root + "cmd/" + name;
    }

    public String commandResult() {
        return root + "cmd/result";
    }

    /** The fallback path's journal: each SMS sent or received (DESIGN 3). */
    public String sms() {
        return root + "sms";
    }

    /** Whether a topic is one of the commands' (including a deeper topic under one, which is refused). */
    public boolean isCommand(String topic) {
        return topic.startsWith(root + "cmd/") && !topic.equals(commandResult());
    }

    /**
     * What the gateway subscribes to: each command by name, with anything deeper under it (so that
     * {@code cmd/ack/x} is answered with a refusal rather than ignored), never {@code cmd/+}, which would
     * match the gateway's own {@code cmd/result} and answer itself for ever; and its own retained
     * {@code status} and {@code alarms/active}, to notice a foreign publisher.
     */
    public List<String> subscriptions() {
        List<String> filters = new ArrayList<>();
        COMMANDS.forEach(name -> filters.add(root + "cmd/" + name + "/#"));
        filters.add(status());
        filters.add(alarmsActive());
        return List.copyOf(filters);
    }
}
