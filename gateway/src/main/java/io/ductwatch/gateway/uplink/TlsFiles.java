package io.ductwatch.gateway.uplink;

import io.ductwatch.config.UplinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS material of the uplink, read from the PEM files the site file names: the CA to trust for the
 * broker's certificate and, optionally, the gateway's client certificate with its PKCS#8 private key
 * (RSA or EC). Reports the certificates that expire soon, for a TROUBLE before the uplink breaks.
 */
public final class TlsFiles {

    private final List<X509Certificate> authorities;
    private final List<X509Certificate> clientChain;
    private final PrivateKey clientKey;
    private final List<Path> sources;

    private TlsFiles(List<X509Certificate> authorities, List<X509Certificate> clientChain, PrivateKey clientKey,
                     List<Path> sources) {
        this.authorities = authorities;
        this.clientChain = clientChain;
        this.clientKey = clientKey;
        this.sources = sources;
    }

    /** Reads the files; a file that cannot be used is a clear {@link GeneralSecurityException}. */
    public static TlsFiles load(UplinkConfig.Tls tls) throws IOException, GeneralSecurityException {
        List<X509Certificate> authorities = certificates(tls.caFile());
        List<X509Certificate> chain = tls.certFile().isPresent() ? certificates(tls.certFile().get()) : List.of();
        PrivateKey key = tls.keyFile().isPresent() ? privateKey(tls.keyFile().get()) : null;
        List<Path> sources = new ArrayList<>();
        sources.add(tls.caFile());
        tls.certFile().ifPresent(sources::add);
        return new TlsFiles(authorities, chain, key, sources);
    }

    /** A socket factory trusting the CA, presenting the client certificate when there is one. */
    public SSLSocketFactory socketFactory() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        for (int i = 0; i < authorities.size(); i++) {
            trust.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientKey != null) {
            char[] none = new char[0];
            KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
            keys.load(null, null);
            keys.setKeyEntry("client", clientKey, none, clientChain.toArray(new X509Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, none);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return new ModernTlsSocketFactory(context.getSocketFactory());
    }

    /**
     * What would make the uplink fail although each file reads: a private key that does not belong to the
     * client certificate, a certificate expired or not yet valid at {@code now}. Empty when all is well.
     */
    public List<String> problems(Instant now) {
        List<String> problems = new ArrayList<>();
        if (clientKey != null && !clientChain.isEmpty() && !keyMatches(clientKey, clientChain.get(0))) {
            problems.add("the private key does not belong to the client certificate "
                    + clientChain.get(0).getSubjectX500Principal().getName());
        }
        List<X509Certificate> all = new ArrayList<>(authorities);
        all.addAll(clientChain);
        for (X509Certificate cert : all) {
            String name = cert.getSubjectX500Principal().getName();
            if (cert.getNotAfter().toInstant().isBefore(now)) {
                problems.add("certificate " + name + " expired " + cert.getNotAfter().toInstant());
            } else if (cert.getNotBefore().toInstant().isAfter(now)) {
                problems.add("certificate " + name + " is not valid before " + cert.getNotBefore().toInstant()
                        + " (is the clock right?)");
            }
        }
        return problems;
    }

    /** Whether the key signs what the certificate's public key verifies. */
    private static boolean keyMatches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "ductwatch key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Certificates (CA and client) that expire within {@code margin} of {@code now}, described for people. */
    public List<String> expiringWithin(Duration margin, Instant now) {
        List<String> soon = new ArrayList<>();
        List<X509Certificate> all = new ArrayList<>(authorities);
        all.addAll(clientChain);
        for (X509Certificate cert : all) {
            Instant notAfter = cert.getNotAfter().toInstant();
            if (notAfter.isBefore(now.plus(margin))) {
                soon.add(cert.getSubjectX500Principal().getName() + " expires " + notAfter
                        + (notAfter.isBefore(now) ? " (expired)" : ""));
            }
        }
        return soon;
    }

    public List<Path> sources() {
        return sources;
    }

    private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            factory.generateCertificates(in).forEach(c -> certs.add((X509Certificate) c));
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException(file + " holds no PEM certificate");
        }
        return certs;
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        Optional<String> body = section(pem, "PRIVATE KEY");
        if (body.isEmpty()) {
            throw new GeneralSecurityException(file + " holds no PKCS#8 'BEGIN PRIVATE KEY' block"
                    + " (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out " + file + ")");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body.get()));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not this algorithm; try the next.
            }
        }
        throw new GeneralSecurityException(file + ": the private key is neither RSA, EC nor Ed25519");
    }

    private static Optional<String> section(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        return from < 0 || to < from ? Optional.empty() : Optional.of(pem.substring(from + begin.length(), to));
    }
}
