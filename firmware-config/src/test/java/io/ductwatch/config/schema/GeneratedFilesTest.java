package io.ductwatch.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.ModulePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema and the key reference in docs/configuration.md are generated from {@link SiteSchema}.
 * This test fails when they are out of date; regenerate them with
 * {@code mvn -pl firmware-config test -Dtest=GeneratedFilesTest -Dductwatch.regenerate=true}.
 */
class GeneratedFilesTest {

    private static final boolean REGENERATE = Boolean.getBoolean("ductwatch.regenerate");

    @Test
    void json_schema_is_current() throws IOException {
        Path file = ModulePaths.schemaFile();
        String expected = JsonSchemaWriter.write(SiteSchema.SITE);
        if (REGENERATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
        }
        assertThat(Files.readString(file)).as("%s is stale: regenerate it (see this test's javadoc)", file)
                .isEqualTo(expected);
    }

    @Test
    void configuration_reference_is_current() throws IOException {
        Path file = ModulePaths.docs().resolve("configuration.md");
        String text = Files.readString(file);
        int begin = text.indexOf(ReferenceDocWriter.BEGIN);
        int end = text.indexOf(ReferenceDocWriter.END);
        assertThat(begin).as("%s has the generated-reference markers", file).isNotNegative();
        assertThat(end).isGreaterThan(begin);

        String current = text.substring(begin, end + ReferenceDocWriter.END.length() + 1);
        String expected = ReferenceDocWriter.write(SiteSchema.SITE);
        if (REGENERATE) {
            Files.writeString(file, text.substring(0, begin) + expected + text.substring(end + ReferenceDocWriter.END.length() + 1));
            current = expected;
        }
        assertThat(current).as("%s is stale: regenerate it (see this test's javadoc)", file).isEqualTo(expected);
    }

    @Test
    void every_key_has_a_description_and_every_number_a_bound() {
        assertThat(JsonSchemaWriter.write(SiteSchema.SITE)).doesNotContain("\"description\" : \"\"");
        assertThat(ReferenceDocWriter.write(SiteSchema.SITE)).contains("| `lengthM` | number, 1 to 100000 | m |");
    }
}
