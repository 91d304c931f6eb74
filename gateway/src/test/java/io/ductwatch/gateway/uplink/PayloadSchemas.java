package io.ductwatch.gateway.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The documented payload schemas of docs/schema/, for checking real payloads against. */
public final class PayloadSchemas {

    private static final Map<String, JsonSchema> BY_TOPIC = new LinkedHashMap<>();

    static {
        Path folder = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent().resolve("docs/schema");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        for (String name : new String[] {"alarm", "reading", "gap", "status", "alarms-active", "cmd-result"}) {
            try (InputStream in = Files.newInputStream(folder.resolve(name + ".schema.json"))) {
                String topic = name.replace("alarms-active", "alarms/active").replace("cmd-result", "cmd/result");
                BY_TOPIC.put(topic, factory.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private PayloadSchemas() {
    }

    /** The problems of a payload against the schema of its topic (by the topic's last level or two). */
    public static Set<ValidationMessage> check(String topic, JsonNode payload) {
        for (Map.Entry<String, JsonSchema> entry : BY_TOPIC.entrySet()) {
            if (topic.endsWith("/" + entry.getKey())) {
                return entry.getValue().validate(payload);
            }
        }
        throw new IllegalArgumentException("no schema for topic " + topic);
    }
}
