package io.ductwatch.gateway.uplink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away TLS material for broker tests, made with the {@code openssl} command: a CA, a server
 * certificate for {@code localhost} only, a client certificate from that CA, and a client
 * certificate from a second, rogue CA. Keys in PKCS#8 PEM, as the gateway reads them.
 */
public record TlsMaterial(Path dir) {

    public Path ca() {
        return dir.resolve("ca.pem");
    }

    public Path serverCert() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    public Path clientCert() {
        return dir.resolve("client.pem");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    public Path rogueCert() {
        return dir.resolve("rogue.pem");
    }

    public Path rogueKey() {
        return dir.resolve("rogue.key");
    }

    public static TlsMaterial create(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost\n");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=rogue CA",
                "-keyout", "rogue-ca.key", "-out", "rogue-ca.pem");
        issue(dir, "server", "/CN=localhost", "ca", List.of("-extfile", "server.ext"));
        issue(dir, "client", "/CN=gw01", "ca", List.of());
        issue(dir, "rogue", "/CN=gw01", "rogue-ca", List.of());
        return new TlsMaterial(dir);
    }

    private static void issue(Path dir, String name, String subject, String ca, List<String> extra)
            throws IOException, InterruptedException {
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + ".rsa",
                "-out", name + ".csr");
        List<String> sign = new java.util.ArrayList<>(List.of("openssl", "x509", "-req", "-in", name + ".csr",
                "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial", "-days", "2", "-out", name + ".pem"));
        sign.addAll(extra);
        run(dir, sign.toArray(new String[0]));
        run(dir, "openssl", "pkcs8", "-topk8", "-nocrypt", "-in", name + ".rsa", "-out", name + ".key");
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(dir.resolve("openssl.log")));
        }
    }
}
