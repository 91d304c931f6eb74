package io.ductwatch.config;

import java.util.Optional;

/**
 * The Sparkplug B 3.0 edge node (DESIGN 2.2 {@code spBv1.0/...}): the gateway as one edge node with a
 * device per zone, on an MQTT connection of its own to the uplink's brokers, beside the native topics.
 *
 * @param groupId        Sparkplug group id, the second level of its topics
 * @param edgeNodeId     edge node id, the fourth level
 * @param primaryHost    the primary host application whose {@code spBv1.0/STATE/...} gates the births; empty: none
 * @param clientId       MQTT client id of the Sparkplug connection (never the native connection's)
 * @param operator       the operator (of {@code uplink.operators}) a DCMD acts as; empty: DCMDs are refused
 * @param historyMinutes how many minutes of readings are kept, while the node cannot publish, to send as
 *                       historical metrics after the next birth
 */
public record SparkplugConfig(String groupId, String edgeNodeId, Optional<String> primaryHost, String clientId,
                              Optional<String> operator, int historyMinutes) {
}
