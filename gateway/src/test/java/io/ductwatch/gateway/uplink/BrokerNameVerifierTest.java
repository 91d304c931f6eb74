package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** Host name checks on the test client certificate (CN=test-gateway, no subject alternative names). */
class BrokerNameVerifierTest {

    private static X509Certificate cert() throws Exception {
        Path pem = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/tls/client.pem");
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void falls_back_to_the_common_name_without_dns_names() throws Exception {
        assertThat(new BrokerNameVerifier("test-gateway").matches(cert())).isTrue();
        assertThat(new BrokerNameVerifier("TEST-GATEWAY").matches(cert())).isTrue();
        assertThat(new BrokerNameVerifier("other-gateway").matches(cert())).isFalse();
        assertThat(new BrokerNameVerifier("test-gateway.example").matches(cert())).isFalse();
    }

    @Test
    void an_ip_literal_never_matches_a_common_name() throws Exception {
        assertThat(new BrokerNameVerifier("127.0.0.1").matches(cert())).isFalse();
    }
}
