package io.ductwatch.gateway.uplink;

/**
 * The MQTT topics of one gateway (DESIGN 2.2): {@code ductwatch/{site}/{gateway}/...}.
 *
 * @param root {@code ductwatch/SITE/GATEWAY/}
 */
public record Topics(String root) {

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

    /** Subscription filter for every operator command. */
    public String commands() {
        return root + "cmd/+";
    }
}
