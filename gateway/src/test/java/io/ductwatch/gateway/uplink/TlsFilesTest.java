package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ductwatch.config.UplinkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFilesTest {

    private static final Path TLS = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/tls");

    private static Instant notAfter(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getNotAfter()
                    .toInstant();
        }
    }

    @Test
    void builds_a_socket_factory_from_pem_files() throws Exception {
        TlsFiles files = TlsFiles.load(new UplinkConfig.Tls(TLS.resolve("ca.pem"), Optional.of(TLS.resolve("client.pem")),
                Optional.of(TLS.resolve("client.key"))));

        assertThat(files.socketFactory()).isNotNull();
        assertThat(files.sources()).hasSize(2);
    }

    @Test
    void names_certificates_that_expire_within_the_margin() throws Exception {
        TlsFiles files = TlsFiles.load(new UplinkConfig.Tls(TLS.resolve("ca.pem"), Optional.of(TLS.resolve("client.pem")),
                Optional.of(TLS.resolve("client.key"))));
        Instant clientExpiry = notAfter(TLS.resolve("client.pem"));

        assertThat(files.expiringWithin(Duration.ofDays(30), clientExpiry.minus(Duration.ofDays(400)))).isEmpty();
        assertThat(files.expiringWithin(Duration.ofDays(30), clientExpiry.minus(Duration.ofDays(10))))
                .anySatisfy(s -> assertThat(s).contains("CN=test-gateway"));
        assertThat(files.expiringWithin(Duration.ofDays(30), clientExpiry.plus(Duration.ofDays(1))))
                .anySatisfy(s -> assertThat(s).contains("(expired)"));
    }

    @Test
    void a_key_that_is_not_pkcs8_is_refused_with_the_command_to_convert_it(@TempDir Path dir) throws Exception {
        Path rsa = Files.writeString(dir.resolve("client.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsFiles.load(new UplinkConfig.Tls(TLS.resolve("ca.pem"),
                Optional.of(TLS.resolve("client.pem")), Optional.of(rsa))))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void credentials_need_both_lines_and_name_a_bad_key(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("c1"), "# broker login\nusername=gw03\npassword= s3cret=x\n");
        Credentials credentials = Credentials.read(good);
        assertThat(credentials.username()).isEqualTo("gw03");
        assertThat(new String(credentials.password())).isEqualTo(" s3cret=x");

        Path bad = Files.writeString(dir.resolve("c2"), "user=gw03\n");
        assertThatThrownBy(() -> Credentials.read(bad)).hasMessageContaining("c2:1: unknown key 'user'");
        Path half = Files.writeString(dir.resolve("c3"), "username=gw03\n");
        assertThatThrownBy(() -> Credentials.read(half)).hasMessageContaining("needs a username= and a password=");
    }
}
