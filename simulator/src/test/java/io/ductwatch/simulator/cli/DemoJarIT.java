package io.ductwatch.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo as a new user runs it: the runnable jar in its own JVM, in a fresh folder. Its terminal
 * shows only the demo (the strip, the alarms, the figures, the report), short enough to read.
 */
class DemoJarIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path JAR = MODULE.resolve("target/ductwatch-simulator.jar");

    @TempDir
    Path dir;

    @Test
    void the_demo_fits_a_screenful_or_two_with_no_library_logging_and_ends_at_the_report() throws Exception {
        Path terminal = dir.resolve("terminal.txt");
        Path work = Files.createDirectories(dir.resolve("demo"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + tmp,
                "-jar", JAR.toString(), "demo"));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(terminal.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the demo finished").isTrue();
        List<String> lines = Files.readAllLines(terminal, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).as("the demo's lines").hasSizeLessThanOrEqualTo(150);
        assertThat(lines).as("no log lines of the libraries or the gateway on the terminal")
                .noneMatch(l -> l.matches(".*\\b(TRACE|DEBUG|INFO)\\b.*"))
                .noneMatch(l -> l.startsWith("[") || l.startsWith("SLF4J"));
        assertThat(lines).as("the strip of the duct and the alarms as they came")
                .anyMatch(l -> l.matches("t\\+\\d\\d:\\d\\d \\|[.:*#X]{21}\\|.*"))
                .anyMatch(l -> l.matches("t\\+\\d\\d:\\d\\d +RAISED FIRE Z2 @1\\d\\d\\.\\d m .*"));
        Path report = work.resolve("ductwatch-demo");
        try (java.util.stream.Stream<Path> left = Files.list(work); java.util.stream.Stream<Path> temp = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("nothing left but the report")
                    .containsExactly("ductwatch-demo");
            assertThat(temp.map(p -> p.getFileName().toString())).as("nothing left in the temporary folder").isEmpty();
        }
        assertThat(lines.get(lines.size() - 1)).isEqualTo("report: " + report.resolve("report.html"));
        assertThat(report.resolve("report.html")).exists();
        assertThat(Files.readString(report.resolve(LogFile.NAME))).as("the logs, in the report folder")
                .contains("alarms - RAISED FIRE").contains("MqttUplink - uplink connected");
    }
}
