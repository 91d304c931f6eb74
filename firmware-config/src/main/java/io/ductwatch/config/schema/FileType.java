package io.ductwatch.config.schema;

/**
 * The path of a file the gateway reads. Relative paths resolve against the folder of the site file.
 * The file must exist and be readable when the site is checked. A secret (private key, password, PSK)
 * must also not be readable by every user of the machine.
 */
public record FileType(boolean secret) implements ValueType {

    @Override
    public String describe() {
        return secret ? "path of a secret file (not world-readable)" : "path of a file";
    }
}
