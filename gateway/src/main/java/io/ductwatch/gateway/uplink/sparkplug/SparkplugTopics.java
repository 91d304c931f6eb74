package io.ductwatch.gateway.uplink.sparkplug;

/**
 * The Sparkplug B 3.0 topics of one edge node: {@code spBv1.0/GROUP/TYPE/NODE[/DEVICE]}, and a primary
 * host application's {@code spBv1.0/STATE/HOST}.
 */
public record SparkplugTopics(String groupId, String edgeNodeId) {

    public static final String NAMESPACE = "spBv1.0";

    public String node(String type) {
        return NAMESPACE + "/" + groupId + "/" + type + "/" + edgeNodeId;
    }

    public String device(String type, String deviceId) {
        return node(type) + "/" + deviceId;
    }

    public String nbirth() {
        return node("NBIRTH");
    }

    public String ndeath() {
        return node("NDEATH");
    }

    public String ndata() {
        return node("NDATA");
    }

    public String ncmd() {
        return node("NCMD");
    }

    /** Every device's commands: {@code spBv1.0/GROUP/DCMD/NODE/+}. */
    public String dcmdFilter() {
        return node("DCMD") + "/+";
    }

    /** The device a {@code DCMD} topic names, or null if it is no DCMD of this node. */
    public String dcmdDevice(String topic) {
        String prefix = node("DCMD") + "/";
        return topic.startsWith(prefix) && topic.indexOf('/', prefix.length()) < 0 ? topic.substring(prefix.length())
                : null;
    }

    public static String state(String hostId) {
        return NAMESPACE + "/STATE/" + hostId;
    }
}
