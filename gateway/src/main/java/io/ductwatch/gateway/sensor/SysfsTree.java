package io.ductwatch.gateway.sensor;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A Linux sysfs folder, seen through paths relative to it. The port the 1-Wire driver reads the w1
 * subsystem through: {@link LinuxSysfs} on a Pi, the simulator's emulation of the kernel's w1_therm
 * files on a laptop. Reads and writes have the kernel's semantics: a read returns what the attribute
 * shows now, a write may block while the kernel acts on it.
 */
public interface SysfsTree {

    /** The text of a file, or empty when there is no such file. */
    Optional<String> read(String path) throws IOException;

    /** Writes text to an attribute file. */
    void write(String path, String text) throws IOException;

    /** Names of the entries in a folder; empty when there is no such folder. */
    List<String> list(String folder) throws IOException;
}
