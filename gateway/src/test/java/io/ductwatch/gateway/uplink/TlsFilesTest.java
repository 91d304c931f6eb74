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

    private static TlsFiles clientFiles(Path key) throws Exception {
        return TlsFiles.load(new UplinkConfig.Tls(TLS.resolve("ca.pem"), Optional.of(TLS.resolve("client.pem")),
                Optional.of(key)));
    }

    @Test
    void matching_files_within_their_validity_have_no_problem() throws Exception {
        assertThat(clientFiles(TLS.resolve("client.key")).problems(Instant.parse("2026-12-02T00:00:00Z"))).isEmpty();
    }

    @Test
    void a_key_of_another_certificate_is_a_problem(@TempDir Path dir) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Path other = Files.writeString(dir.resolve("other.key"), pem);

        assertThat(clientFiles(other).problems(Instant.parse("2026-12-02T00:00:00Z")))
                .singleElement().asString().contains("does not belong to the client certificate CN=test-gateway");
    }

    @Test
    void an_expired_or_not_yet_valid_certificate_is_a_problem() throws Exception {
        TlsFiles files = clientFiles(TLS.resolve("client.key"));
        Instant expiry = notAfter(TLS.resolve("client.pem"));

        assertThat(files.problems(expiry.plusSeconds(1))).anySatisfy(p -> assertThat(p)
                .contains("certificate CN=test-gateway").contains("expired"));
        assertThat(files.problems(Instant.parse("2000-01-01T00:00:00Z"))).anySatisfy(p -> assertThat(p)
                .contains("is not valid before"));
    }

    @Test
    void sockets_offer_tls_1_3_and_1_2_only() throws Exception {
        try (var socket = (javax.net.ssl.SSLSocket) clientFiles(TLS.resolve("client.key")).socketFactory()
                .createSocket()) {
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        }
    }
}
