package io.ductwatch.gateway.core;

/** The answer to an operator command: whether it was carried out, and a message for the operator. */
public record CommandResult(boolean ok, String message) {

    public static CommandResult ok(String message) {
        return new CommandResult(true, message);
    }

    public static CommandResult refused(String message) {
        return new CommandResult(false, message);
    }
}
