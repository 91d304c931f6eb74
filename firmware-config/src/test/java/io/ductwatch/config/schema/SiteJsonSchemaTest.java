package io.ductwatch.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ductwatch.config.InvalidFixture;
import io.ductwatch.config.ModulePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The shipped JSON Schema, as an editor's YAML plugin would use it: every shipped site passes, and every
 * invalid fixture marked {@code schema: rejects} fails. Fixtures marked {@code accepts} break rules the
 * schema cannot express (unique ids, zones, shared pins); the test pins that down too, so the list of
 * what only {@code check-config} finds stays known.
 */
class SiteJsonSchemaTest {

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(ModulePaths.schemaFile())) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    static Stream<Path> shippedSites() throws IOException {
        try (Stream<Path> files = Files.list(ModulePaths.sites())) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Stream<InvalidFixture> parseableFixtures() {
        return InvalidFixture.all().filter(f -> !f.schemaVerdict().equals("unparseable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedSites")
    void accepts_every_shipped_site(Path site) throws IOException {
        Set<ValidationMessage> messages = schema.validate(yamlAsJson(site));
        assertThat(messages).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseableFixtures")
    void judges_each_invalid_fixture_as_it_says(InvalidFixture fixture) throws IOException {
        Set<ValidationMessage> messages = schema.validate(yamlAsJson(fixture.file()));

        switch (fixture.schemaVerdict()) {
            case "rejects" -> assertThat(messages).as("schema must reject %s", fixture).isNotEmpty();
            case "accepts" -> assertThat(messages).as("schema cannot see what is wrong in %s", fixture).isEmpty();
            default -> throw new AssertionError("unknown verdict " + fixture.schemaVerdict() + " in " + fixture);
        }
    }

    @Test
    void names_the_wrong_key_when_it_rejects() throws IOException {
        Set<ValidationMessage> messages = schema.validate(
                yamlAsJson(ModulePaths.invalidFixtures().resolve("i2c-address-range.yaml")));
        assertThat(messages).extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("address"));
    }

    private static JsonNode yamlAsJson(Path file) throws IOException {
        Object data = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build())
                .loadFromString(Files.readString(file));
        return new ObjectMapper().valueToTree(data);
    }
}
