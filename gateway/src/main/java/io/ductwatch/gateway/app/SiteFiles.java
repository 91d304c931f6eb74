package io.ductwatch.gateway.app;

import io.ductwatch.config.ConfigProblem;
import io.ductwatch.config.FileProblemException;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.UplinkConfig;
import io.ductwatch.gateway.local.PskFile;
import io.ductwatch.gateway.modem.PinFile;
import io.ductwatch.gateway.uplink.Credentials;
import io.ductwatch.gateway.uplink.TlsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads every file a valid site file points to exactly as the gateway will at start (the CoAP PSK file, the
 * broker credentials, the TLS CA, certificate and key), so that {@code check-config} fails on what
 * {@code run} would refuse: a file that does not parse, a key that does not match its certificate, a
 * certificate expired or not yet valid. Each problem names the file and, where it has one, the line.
 */
final class SiteFiles {

    private SiteFiles() {
    }

    static List<ConfigProblem> check(SiteConfig site, Instant now) {
        List<ConfigProblem> problems = new ArrayList<>();
        site.coap().pskFile().ifPresent(file -> read("coap.pskFile", file, problems, () -> PskFile.read(file)));
        site.uplink().credentialsFile().ifPresent(file ->
                read("uplink.credentialsFile", file, problems, () -> Credentials.read(file)));
        site.uplink().tls().ifPresent(tls -> checkTls(tls, now, problems));
        site.fallback().flatMap(f -> f.modem().pinFile()).ifPresent(file ->
                read("fallback.modem.pinFile", file, problems, () -> PinFile.read(file)));
        return problems;
    }

    private interface Reader {
        void read() throws IOException, GeneralSecurityException;
    }

    private static void read(String key, Path file, List<ConfigProblem> problems, Reader reader) {
        try {
            reader.read();
        } catch (FileProblemException e) {
            problems.add(new ConfigProblem(e.file().toString(), Math.max(1, e.line()), 1, key, e.detail()));
        } catch (IOException | GeneralSecurityException e) {
            problems.add(new ConfigProblem(file.toString(), 1, 1, key, "cannot be used: " + e.getMessage()));
        }
    }

    private static void checkTls(UplinkConfig.Tls tls, Instant now, List<ConfigProblem> problems) {
        Path named = tls.certFile().orElse(tls.caFile());
        List<ConfigProblem> found = new ArrayList<>();
        Optional<TlsFiles> files = Optional.empty();
        try {
            TlsFiles loaded = TlsFiles.load(tls);
            loaded.socketFactory();
            files = Optional.of(loaded);
        } catch (IOException | GeneralSecurityException e) {
            found.add(new ConfigProblem(named.toString(), 1, 1, "uplink.tls", "cannot be used: " + e.getMessage()));
        }
        files.ifPresent(f -> f.problems(now).forEach(p ->
                found.add(new ConfigProblem(named.toString(), 1, 1, "uplink.tls", p))));
        problems.addAll(found);
    }
}
