package io.ductwatch.simulator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --verbose}, shared by the commands that run the gateway: without it, the gateway's and the
 * libraries' log lines go to {@code simulator.log} in the report folder, and the terminal shows only the
 * run (the strip of the duct, the alarms as they come, the figures); with it, they come to the terminal
 * too, on standard error.
 */
final class LogFile {

    static final String NAME = "simulator.log";

    @Option(names = "--verbose", description = "The gateway's and the libraries' log lines on the terminal"
            + " (standard error), not in the report folder's " + NAME + ".")
    private boolean verbose;

    /**
     * Points the logging at the report folder unless {@code --verbose}. Called before anything logs:
     * slf4j-simple reads its target once, at its first logger.
     *
     * @return the log file, or null when the logs go to the terminal
     */
    Path apply(Path reportDir) throws IOException {
        if (verbose) {
            return null;
        }
        Files.createDirectories(reportDir);
        Path file = reportDir.toAbsolutePath().resolve(NAME);
        Files.deleteIfExists(file);
        System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
        return file;
    }
}
