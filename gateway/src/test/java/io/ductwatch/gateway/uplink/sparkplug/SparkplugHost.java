package io.ductwatch.gateway.uplink.sparkplug;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.MessageType;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.message.model.Topic;
import org.eclipse.tahu.util.TopicUtil;

/**
 * A Sparkplug host application in tests: subscribes to {@code spBv1.0/GROUP/#}, decodes every payload with
 * Eclipse Tahu (alias-only metrics by the datatypes of their birth), keeps them in order of arrival, can
 * send NCMD/DCMD and publish its STATE, and checks what it received against the rules of Sparkplug B 3.0 a
 * host relies on ({@link #violations()}).
 */
public final class SparkplugHost implements AutoCloseable {

    /** A message as received and decoded. */
    public record Received(String topic, Topic parsed, SparkplugBPayload payload) {

        public MessageType type() {
            return parsed.getType();
        }

        public String device() {
            return parsed.getDeviceId();
        }

        /** A metric of this payload by name, or by the alias its device's birth gave that name. */
        public Optional<Metric> metric(String name, Map<Long, String> aliases) {
            return payload.getMetrics().stream()
                    .filter(m -> name.equals(m.hasName() ? m.getName() : aliases.get(m.getAlias()))).findFirst();
        }
    }

    private final MqttClient client;
    private final String group;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> undecodable = new CopyOnWriteArrayList<>();
    /** Datatypes by alias, from the births seen: what alias-only metrics are decoded with. */
    private final org.eclipse.tahu.model.MetricDataTypeMap types = new org.eclipse.tahu.model.MetricDataTypeMap();

    public SparkplugHost(String brokerUrl, String group) throws MqttException {
        this.group = group;
        client = new MqttClient(brokerUrl, "sparkplug-host-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        client.connect(options);
        client.subscribe(SparkplugTopics.NAMESPACE + "/" + group + "/#", 1);
    }

    private synchronized void arrived(String topic, byte[] bytes) {
        try {
            Topic parsed = TopicUtil.parseTopic(topic);
            SparkplugBPayload payload = new SparkplugBPayloadDecoder().buildFromByteArray(bytes, types);
            if (parsed.getType().isBirth()) {
                payload.getMetrics().stream().filter(Metric::hasAlias)
                        .forEach(m -> types.addMetricDataType(m.getAlias(), m.getDataType()));
            }
            received.add(new Received(topic, parsed, payload));
        } catch (Exception e) {
            undecodable.add(topic + ": " + e);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> of(MessageType type) {
        return received.stream().filter(r -> r.type() == type).toList();
    }

    public List<Received> of(MessageType type, String device) {
        return received.stream().filter(r -> r.type() == type && device.equals(r.device())).toList();
    }

    /** The names behind the aliases of the latest births of the node and its devices. */
    public Map<Long, String> aliases() {
        Map<Long, String> names = new HashMap<>();
        received.stream().filter(r -> r.type().isBirth()).forEach(r -> r.payload().getMetrics().stream()
                .filter(Metric::hasAlias).forEach(m -> names.put(m.getAlias(), m.getName())));
        return names;
    }

    /** The latest value a device (or the node, for null) reported for a metric, historical values aside. */
    public Optional<Object> latest(String device, String name) {
        Map<Long, String> aliases = aliases();
        List<Received> all = received();
        for (int i = all.size() - 1; i >= 0; i--) {
            Received r = all.get(i);
            boolean mine = device == null ? r.device() == null && (r.type() == MessageType.NBIRTH
                    || r.type() == MessageType.NDATA) : device.equals(r.device())
                    && (r.type() == MessageType.DBIRTH || r.type() == MessageType.DDATA);
            if (mine) {
                Optional<Metric> metric = r.metric(name, aliases).filter(m -> !Boolean.TRUE.equals(m.isHistorical()));
                if (metric.isPresent()) {
                    return Optional.ofNullable(metric.get().getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** Sends an NCMD (device null) or a DCMD with one Boolean metric by name, timestamped now or at {@code at}. */
    public byte[] command(String node, String device, String metric, boolean value, Date at) throws Exception {
        SparkplugBPayload payload = new SparkplugBPayload(at, new ArrayList<>(List.of(
                new Metric.MetricBuilder(metric, MetricDataType.Boolean, value).createMetric())));
        byte[] bytes = new SparkplugBPayloadEncoder().getBytes(payload, false);
        String topic = SparkplugTopics.NAMESPACE + "/" + group + "/" + (device == null ? "NCMD/" + node
                : "DCMD/" + node + "/" + device);
        client.publish(topic, bytes, 1, false);
        return bytes;
    }

    /** Publishes raw bytes (a replayed command). */
    public void publish(String topic, byte[] bytes, boolean retained) throws MqttException {
        client.publish(topic, bytes, 1, retained);
    }

    /** Publishes this host's retained STATE, as a Sparkplug 3.0 primary host does. */
    public void state(String hostId, boolean online, long timestamp) throws MqttException {
        client.publish(SparkplugTopics.state(hostId), ("{\"online\":" + online + ",\"timestamp\":" + timestamp + "}")
                .getBytes(StandardCharsets.UTF_8), 1, true);
    }

    /**
     * What breaks the Sparkplug B 3.0 rules a host relies on, in what was received: every payload decodes
     * and has a timestamp; an NBIRTH has seq 0, a {@code bdSeq} Int64 metric and {@code Node
     * Control/Rebirth}; every metric of a birth has a name, and aliases are unique across the node's births;
     * DBIRTH and DATA come after the NBIRTH of their session; seq goes up by one from message to message,
     * 255 -> 0, until the next NBIRTH; a DATA metric carries an alias of its device's birth, no name, and the
     * datatype the birth gave it; an NDEATH has no seq and the bdSeq of the NBIRTH before it.
     */
    public List<String> violations() {
        List<String> problems = new ArrayList<>(undecodable);
        Long expectedSeq = null;
        Long bdSeq = null;
        Map<Long, MetricDataType> birthTypes = new HashMap<>();
        Set<String> bornDevices = new HashSet<>();
        int index = 0;
        for (Received r : received()) {
            String where = "#" + index++ + " " + r.topic();
            SparkplugBPayload p = r.payload();
            if (p.getTimestamp() == null) {
                problems.add(where + ": no timestamp");
            }
            MessageType type = r.type();
            if (type == MessageType.NDEATH) {
                if (p.getSeq() != null) {
                    problems.add(where + ": NDEATH with a seq");
                }
                Object death = p.getMetrics().stream().filter(m -> "bdSeq".equals(m.getName())).findFirst()
                        .map(Metric::getValue).orElse(null);
                if (bdSeq != null && !bdSeq.equals(death)) {
                    problems.add(where + ": NDEATH bdSeq " + death + " but the NBIRTH had " + bdSeq);
                }
                expectedSeq = null;
                bornDevices.clear();
                continue;
            }
            if (type == MessageType.NCMD || type == MessageType.DCMD) {
                continue;
            }
            if (p.getSeq() == null || p.getSeq() < 0 || p.getSeq() > 255) {
                problems.add(where + ": seq " + p.getSeq() + " not in 0..255");
                continue;
            }
            if (type == MessageType.NBIRTH) {
                if (p.getSeq().longValue() != 0) {
                    problems.add(where + ": NBIRTH seq " + p.getSeq());
                }
                Optional<Metric> bd = p.getMetrics().stream().filter(m -> "bdSeq".equals(m.getName())).findFirst();
                if (bd.isEmpty() || !MetricDataType.Int64.equals(bd.get().getDataType())) {
                    problems.add(where + ": NBIRTH without an Int64 bdSeq");
                }
                bdSeq = bd.map(m -> (Long) m.getValue()).orElse(null);
                if (p.getMetrics().stream().noneMatch(m -> "Node Control/Rebirth".equals(m.getName()))) {
                    problems.add(where + ": NBIRTH without Node Control/Rebirth");
                }
                birthTypes.clear();
                bornDevices.clear();
            } else if (expectedSeq == null) {
                problems.add(where + ": " + type + " before any NBIRTH of the session");
            } else if (p.getSeq().longValue() != expectedSeq.longValue()) {
                problems.add(where + ": seq " + p.getSeq() + ", expected " + expectedSeq);
            }
            expectedSeq = (p.getSeq() + 1) % 256;
            if (type.isBirth()) {
                Set<String> names = new HashSet<>();
                for (Metric m : p.getMetrics()) {
                    if (!m.hasName() || !names.add(m.getName())) {
                        problems.add(where + ": birth metric without a name, or named twice: " + m.getName());
                    }
                    if (m.hasAlias()) {
                        MetricDataType before = birthTypes.put(m.getAlias(), m.getDataType());
                        if (before != null && type == MessageType.DBIRTH && !bornDevices.contains(r.device())) {
                            problems.add(where + ": alias " + m.getAlias() + " already used in this node's births");
                        }
                    }
                }
                if (type == MessageType.DBIRTH) {
                    bornDevices.add(r.device());
                }
            } else {
                if (type == MessageType.DDATA && !bornDevices.contains(r.device())) {
                    problems.add(where + ": DDATA before the device's DBIRTH");
                }
                for (Metric m : p.getMetrics()) {
                    if (m.hasName() || !m.hasAlias() || !birthTypes.containsKey(m.getAlias())) {
                        problems.add(where + ": data metric " + m.getName() + "/" + m.getAlias()
                                + " not by an alias of the birth");
                    } else if (!birthTypes.get(m.getAlias()).equals(m.getDataType())) {
                        problems.add(where + ": alias " + m.getAlias() + " is " + m.getDataType() + ", born "
                                + birthTypes.get(m.getAlias()));
                    }
                }
            }
        }
        return problems;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
