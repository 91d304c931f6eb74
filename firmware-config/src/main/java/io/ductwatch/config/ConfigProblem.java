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

    /**
     * {@code FILE:LINE:COLUMN: PATH: MESSAGE}, the format of DESIGN 2.1, on one line: control characters and
     * the characters that reorder text (a right-to-left override could make a problem read as something
     * else in a terminal) are written as Java escapes, the override as {@code \\u202E}.
     */
    @Override
    public String toString() {
        return escape(file + ":" + line + ":" + column + ": " + path + ": " + message);
    }

    /** Text as it may be echoed to a terminal: control and bidirectional formatting characters escaped. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean unsafe = Character.isISOControl(c) || c == 0x061C || c == 0x200E || c == 0x200F
                    || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
            if (unsafe) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
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
