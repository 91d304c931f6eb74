package io.ductwatch.simulator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The simulator's command line: {@code ductwatch-simulator.jar COMMAND}. Exit codes: 0 success, 2 bad
 * input (a wrong option, an invalid file), 1 a failure at run time.
 */
@Command(name = "ductwatch-simulator", mixinStandardHelpOptions = true,
        description = "The duct on a laptop: the reference model and the real gateway against simulated sensors.",
        subcommands = {DemoCommand.class, RunCommand.class, FleetCommand.class, ProbeCommand.class})
public final class SimulatorMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new SimulatorMain());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
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
