package io.ductwatch.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file the site file points to (a PSK file, a credentials file) that cannot be used, located to its
 * line so that {@code check-config} reports it in the same {@code FILE:LINE:COLUMN} form as the site file.
 */
public final class FileProblemException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String detail;

    /**
     * @param line 1-based line, or 0 when the problem is the file as a whole
     */
    public FileProblemException(Path file, int line, String detail) {
        super(file + (line > 0 ? ":" + line : "") + ": " + detail);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 for the whole file. */
    public int line() {
        return line;
    }

    public String detail() {
        return detail;
    }
}
