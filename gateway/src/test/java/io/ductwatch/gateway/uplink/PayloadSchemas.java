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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The MQTT API as documented: the channels of {@code docs/asyncapi.yaml}, each with the JSON Schema (in
 * {@code docs/schema/}) that its message names. Real payloads are checked against the schema of the
 * channel their topic matches, so the document, the schemas and the gateway cannot drift apart.
 */
public final class PayloadSchemas {

    /** One channel: its address as a pattern, and its payload's schema. */
    public record Channel(String name, Pattern address, String schemaFile, JsonSchema schema) {
    }

    private static final Path DOCS = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
            .resolve("docs");
    private static final List<Channel> CHANNELS = load();

    private PayloadSchemas() {
    }

    @SuppressWarnings("unchecked")
    private static List<Channel> load() {
        Map<String, Object> api;
        try {
            api = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(DOCS.resolve("asyncapi.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) api.get("components")).get("messages");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        List<Channel> channels = new ArrayList<>();
        ((Map<String, Object>) api.get("channels")).forEach((name, value) -> {
            Map<String, Object> channel = (Map<String, Object>) value;
            String address = (String) channel.get("address");
            Map<String, Object> onlyMessage = (Map<String, Object>) ((Map<String, Object>) channel.get("messages"))
                    .values().iterator().next();
            String messageName = ((String) onlyMessage.get("$ref")).replace("#/components/messages/", "");
            String schemaRef = (String) ((Map<String, Object>) ((Map<String, Object>) messages.get(messageName))
                    .get("payload")).get("$ref");
            Path schemaFile = DOCS.resolve(schemaRef).normalize();
            try (InputStream in = Files.newInputStream(schemaFile)) {
                channels.add(new Channel(name, Pattern.compile(Pattern.quote(address)
                        .replaceAll("\\{[a-z]+}", "\\\\E[^/]+\\\\Q")), DOCS.relativize(schemaFile).toString(),
                        factory.getSchema(in)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // A literal address (cmd/result) wins over a parameterised one (cmd/{command}).
        channels.sort(Comparator.comparingLong(c -> c.address().pattern().chars().filter(ch -> ch == '^').count()));
        return List.copyOf(channels);
    }

    /** The documented channels. */
    public static List<Channel> channels() {
        return CHANNELS;
    }

    /** The channel whose address a topic matches. */
    public static Channel channelOf(String topic) {
        return CHANNELS.stream().filter(c -> c.address().matcher(topic).matches()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no channel in docs/asyncapi.yaml for topic " + topic));
    }

    /** The problems of a payload against the schema its topic's channel names. */
    public static Set<ValidationMessage> check(String topic, JsonNode payload) {
        return channelOf(topic).schema().validate(payload);
    }
}
