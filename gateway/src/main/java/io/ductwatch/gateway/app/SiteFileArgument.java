package io.ductwatch.gateway.app;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The site file of every command that reads one, given either way: {@code COMMAND FILE} or
 * {@code COMMAND --config FILE} (the systemd unit's form).
 */
final class SiteFileArgument {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The site file (YAML); or --config FILE.")
    private String positional;

    @Option(names = "--config", paramLabel = "FILE", description = "The site file (YAML); or FILE alone.")
    private String option;

    /** The site file as given; a usage error (exit 2) when none or two different ones are. */
    String file() {
        if (positional == null && option == null) {
            throw new ParameterException(command.commandLine(), "name the site file: " + command.name()
                    + " FILE, or " + command.name() + " --config FILE");
        }
        if (positional != null && option != null && !positional.equals(option)) {
            throw new ParameterException(command.commandLine(), "two site files, " + positional + " and --config "
                    + option + ": name one");
        }
        return positional != null ? positional : option;
    }
}
