package io.ductwatch.gateway.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The gateway's command line: {@code ductwatch-gateway.jar COMMAND}. Exit codes: 0 success, 2 bad input
 * (an invalid site file, a wrong option), 1 a failure at run time.
 */
@Command(name = "ductwatch-gateway",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Watches an underground cable duct for fire, smoke and water.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, ScanCommand.class, VersionCommand.class})
public final class GatewayMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line, ready to execute. A command that fails at run time prints one line naming
     * the command and the cause, and exits 1; the stack trace goes to the log, not at the user.
     */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new GatewayMain());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(GatewayMain.class).debug("{} failed", cmd.getCommandName(), e);
            return 1;
        });
        return line;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
