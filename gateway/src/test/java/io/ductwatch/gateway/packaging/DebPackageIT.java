package io.ductwatch.gateway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as an installer gets it, inspected with Debian's own tools: {@code dpkg-deb} for its
 * control data and files, {@code lintian --fail-on error} for policy. Runs when the package was built
 * ({@code mvn -P deb verify}, as {@code .ci/run} does); fails, not skips, when a tool is missing.
 */
@EnabledIfSystemProperty(named = "ductwatch.deb", matches = "true",
        disabledReason = "the package is built and checked with -P deb (docs/install.md)")
class DebPackageIT {

    private static final Path TARGET = Path.of(System.getProperty("basedir", ".")).resolve("target");
    private static Path deb;

    @TempDir
    Path dir;

    @BeforeAll
    static void findPackage() throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("ductwatch-gateway_.+_all\\.deb"))
                    .toList();
            assertThat(debs).as("one package in " + TARGET).hasSize(1);
            deb = debs.get(0);
        }
    }

    /** Runs a program; its exit code first, then what it printed. */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(String.join(" ", command) + " ended").isTrue();
        return "exit " + process.exitValue() + "\n" + out;
    }

    @Test
    void the_name_says_package_version_and_architecture() {
        assertThat(deb.getFileName().toString()).matches("ductwatch-gateway_\\d+\\.\\d+\\.\\d+(~[A-Z0-9]+)?_all\\.deb");
    }

    @Test
    void control_data_names_the_runtime_it_needs_and_its_maintainer_scripts() throws Exception {
        String info = run("dpkg-deb", "--info", deb.toString());
        assertThat(info).startsWith("exit 0").contains("Package: ductwatch-gateway", "Architecture: all",
                "Maintainer: ductwatch developers <", "Section: misc");
        String depends = info.lines().filter(l -> l.strip().startsWith("Depends:")).findFirst().orElseThrow();
        assertThat(depends).contains("java17-runtime-headless", "default-jre-headless", "adduser");
        assertThat(info).contains(" postinst", " prerm", " postrm", " conffiles");

        Path control = dir.resolve("control");
        assertThat(run("dpkg-deb", "--control", deb.toString(), control.toString())).startsWith("exit 0");
        assertThat(Files.readAllLines(control.resolve("conffiles")))
                .containsExactlyInAnyOrder("/etc/ductwatch/site.yaml", "/etc/default/ductwatch-gateway");
        String postinst = Files.readString(control.resolve("postinst"));
        assertThat(postinst).contains("adduser --system", "--home /var/lib/ductwatch", "gpio i2c dialout",
                "install -d -o ductwatch -g ductwatch");
        assertThat(Files.isExecutable(control.resolve("postinst"))).isTrue();
        assertThat(run("sh", "-n", control.resolve("postinst").toString())).startsWith("exit 0");
        assertThat(run("sh", "-n", control.resolve("prerm").toString())).startsWith("exit 0");
        assertThat(run("sh", "-n", control.resolve("postrm").toString())).startsWith("exit 0");
    }

    @Test
    void files_are_where_the_install_guide_says_owned_by_root() throws Exception {
        String contents = run("dpkg-deb", "--contents", deb.toString());
        assertThat(contents).startsWith("exit 0");
        List<String> expected = List.of(
                "-rw-r--r-- root/root .* ./usr/share/ductwatch/ductwatch-gateway.jar",
                "-rwxr-xr-x root/root .* ./usr/bin/ductwatch-gateway",
                "-rw-r----- root/root .* ./etc/ductwatch/site.yaml",
                "-rw-r--r-- root/root .* ./etc/default/ductwatch-gateway",
                "-rw-r--r-- root/root .* ./lib/systemd/system/ductwatch-gateway.service",
                "-rw-r--r-- root/root .* ./lib/udev/rules.d/99-ductwatch.rules",
                "drwxr-x--- root/root .* ./var/lib/ductwatch/",
                "-rw-r--r-- root/root .* ./usr/share/doc/ductwatch-gateway/copyright",
                "-rw-r--r-- root/root .* ./usr/share/doc/ductwatch-gateway/changelog.gz",
                "-rw-r--r-- root/root .* ./usr/share/doc/ductwatch-gateway/install.md",
                "-rw-r--r-- root/root .* ./usr/share/doc/ductwatch-gateway/operators.md",
                "-rw-r--r-- root/root .* ./usr/share/doc/ductwatch-gateway/architecture.md",
                "-rw-r--r-- root/root .* ./usr/share/doc/ductwatch-gateway/examples/config.txt");
        List<String> missing = new ArrayList<>();
        for (String pattern : expected) {
            if (contents.lines().noneMatch(l -> l.matches(pattern))) {
                missing.add(pattern);
            }
        }
        assertThat(missing).as("entries of\n" + contents).isEmpty();

        Path data = dir.resolve("data");
        assertThat(run("dpkg-deb", "--extract", deb.toString(), data.toString())).startsWith("exit 0");
        assertThat(data.resolve("lib/systemd/system/ductwatch-gateway.service")).hasSameTextualContentAs(
                Path.of(System.getProperty("basedir", ".")).resolve("../firmware-config/device/ductwatch-gateway.service"));
        assertThat(Files.readString(data.resolve("etc/default/ductwatch-gateway"))).contains("JAVA_OPTS=\"-Xmx64m");
    }

    @Test
    void the_packaged_launcher_runs_the_packaged_jar() throws Exception {
        Path data = dir.resolve("data");
        assertThat(run("dpkg-deb", "--extract", deb.toString(), data.toString())).startsWith("exit 0");
        String jar = data.resolve("usr/share/ductwatch/ductwatch-gateway.jar").toString();
        String site = data.resolve("etc/ductwatch/site.yaml").toString();
        // The launcher's own paths are absolute (/usr/share/ductwatch); run the jar with the packaged flags.
        String flags = Files.readAllLines(data.resolve("etc/default/ductwatch-gateway")).stream()
                .filter(l -> l.startsWith("JAVA_OPTS=")).findFirst().orElseThrow()
                .replaceFirst("JAVA_OPTS=\"(.*)\"", "$1");
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(List.of(flags.split(" ")));
        command.addAll(List.of("-jar", jar, "check-config", site));
        assertThat(run(command.toArray(String[]::new))).as("the example site file checks out under the packaged JVM flags")
                .startsWith("exit 0");
        assertThat(run("sh", "-n", data.resolve("usr/bin/ductwatch-gateway").toString())).startsWith("exit 0");
    }

    @Test
    void lintian_finds_no_error() throws Exception {
        String report = run("lintian", "--fail-on", "error", "--tag-display-limit", "0", deb.toString());
        assertThat(report).as(report).startsWith("exit 0").doesNotContain("\nE: ");
    }
}
