package io.ductwatch.config;

/**
 * One thing wrong with a site or scenario file, located for the person who fixes it.
 *
 * @param file    the file as the user named it
 * @param line    1-based line
 * @param column  1-based column
 * @param path    where in the document: {@code sensors[3].address}, or {@code (document)}
 * @param message what is wrong, and where helpful what would be right
 */
public record ConfigProblem(String file, int line, int column, String path, String message)
        implements Comparable<ConfigProblem> {

    /** {@code FILE:LINE:COLUMN: PATH: MESSAGE}, the format of DESIGN 2.1. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + path + ": " + message;
    }

    @Override
    public int compareTo(ConfigProblem other) {
        int byLine = Integer.compare(line, other.line);
        if (byLine != 0) {
            return byLine;
        }
        int byColumn = Integer.compare(column, other.column);
        return byColumn != 0 ? byColumn : message.compareTo(other.message);
    }
}
