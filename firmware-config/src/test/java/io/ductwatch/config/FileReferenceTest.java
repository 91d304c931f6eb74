package io.ductwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a site refers to: relative to the site file, present, readable, secrets not world-readable. */
class FileReferenceTest {

    private static final String SITE = """
            site: { id: s, name: S }
            gateway: { id: g }
            duct: { lengthM: 10, heightM: 2, widthM: 2 }
            zones: [ { id: Z, fromM: 0, toM: 10 } ]
            sensors:
              - { id: d, kind: door, driver: gpio, pin: 17, positionM: 0, zone: Z }
            uplink:
              brokers: [ "ssl://broker:8883" ]
              tls: { caFile: %s, certFile: client.pem, keyFile: %s }
              credentialsFile: %s
            coap: { pskFile: %s }
            """;

    @TempDir
    Path dir;

    @Test
    void secrets_with_owner_or_group_access_only_are_accepted() throws Exception {
        secret("client.key", "rw-r-----");
        secret("creds", "rw-------");
        secret("psk", "r--------");
        plain("ca.pem");
        plain("client.pem");

        SiteConfig site = SiteLoader.load(write("ca.pem", "client.key", "creds", "psk"));

        assertThat(site.uplink().credentialsFile()).contains(dir.resolve("creds"));
    }

    @Test
    void each_missing_world_readable_or_wrong_file_is_reported() throws Exception {
        secret("client.key", "rw-r--r--");
        plain("client.pem");
        Files.createDirectory(dir.resolve("psk.d"));

        InvalidConfigException thrown = catchThrowableOfType(InvalidConfigException.class,
                () -> SiteLoader.load(write("ca.pem", "client.key", "../elsewhere/creds", "psk.d"), "site.yaml"));

        assertThat(thrown.problems()).extracting(ConfigProblem::toString).containsExactly(
                "site.yaml:9:18: uplink.tls.caFile: file not found: " + dir.resolve("ca.pem"),
                "site.yaml:9:57: uplink.tls.keyFile: secret file " + dir.resolve("client.key")
                        + " is readable by every user (rw-r--r--); run: chmod o-rwx " + dir.resolve("client.key"),
                "site.yaml:10:20: uplink.credentialsFile: file not found: "
                        + dir.getParent().resolve("elsewhere/creds"),
                "site.yaml:11:18: coap.pskFile: not a regular file: " + dir.resolve("psk.d"));
    }

    @Test
    void a_certificate_may_be_world_readable() throws Exception {
        plain("ca.pem");
        plain("client.pem");
        secret("client.key", "rw-------");
        secret("creds", "rw-------");
        secret("psk", "rw-------");
        Files.setPosixFilePermissions(dir.resolve("ca.pem"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(SiteLoader.load(write("ca.pem", "client.key", "creds", "psk")).uplink().tls()).isPresent();
    }

    private Path write(String ca, String key, String creds, String psk) throws IOException {
        return Files.writeString(dir.resolve("site.yaml"), SITE.formatted(ca, key, creds, psk));
    }

    private void secret(String name, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private void plain(String name) throws IOException {
        Files.writeString(dir.resolve(name), "-----BEGIN CERTIFICATE-----\n");
    }
}
