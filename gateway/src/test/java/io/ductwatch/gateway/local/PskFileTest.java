package io.ductwatch.gateway.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PskFileTest {

    private static final String KEY = "00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("coap-psk"), text);
    }

    @Test
    void reads_identities_with_their_roles_and_skips_comments() throws Exception {
        PskFile keys = PskFile.read(write("# tunnel crew\n\ntech-1," + KEY + ",write\n viewer , " + KEY + " , read \n"));
        assertThat(keys.identities()).containsOnlyKeys("tech-1", "viewer");
        assertThat(keys.identities().get("tech-1").key()).hasSize(16);
        assertThat(keys.mayWrite("tech-1")).isTrue();
        assertThat(keys.mayWrite("viewer")).isFalse();
        assertThat(keys.mayWrite("stranger")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tech-1,00112233445566778899aabbccddeeff                 | :2: expected IDENTITY,KEY,read|write, found 2 fields",
        "tech-1,00112233445566778899aabbccddeefg,write           | :2: key of 'tech-1' is not hex",
        "tech-1,0011,write                                       | :2: key of 'tech-1' has 2 bytes; at least 16",
        "tech-1,00112233445566778899aabbccddeeff,admin           | :2: role of 'tech-1' is 'admin'; expected read or write",
        ",00112233445566778899aabbccddeeff,read                  | :2: identity must be 1 to 128 characters",
    })
    void a_bad_line_is_refused_with_file_and_line(String line, String message) throws Exception {
        Path file = write("# first line\n" + line.strip() + "\n");
        assertThatThrownBy(() -> PskFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(message.strip());
    }

    @Test
    void a_twice_named_identity_and_an_empty_file_are_refused() throws Exception {
        Path twice = write("a," + KEY + ",read\na," + KEY + ",write\n");
        assertThatThrownBy(() -> PskFile.read(twice)).hasMessageContaining(":2: identity 'a' appears twice");
        Path empty = write("# nobody yet\n");
        assertThatThrownBy(() -> PskFile.read(empty)).hasMessageContaining("names no identity");
    }
}
