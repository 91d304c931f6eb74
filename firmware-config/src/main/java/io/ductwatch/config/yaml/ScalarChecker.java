package io.ductwatch.config.yaml;

import io.ductwatch.config.schema.BooleanType;
import io.ductwatch.config.schema.ChoiceType;
import io.ductwatch.config.schema.FileType;
import io.ductwatch.config.schema.IntegerType;
import io.ductwatch.config.schema.NumberType;
import io.ductwatch.config.schema.TextType;
import io.ductwatch.config.schema.ValueType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Checks one scalar against its type: integers (decimal, hex, octal) and numbers within bounds, booleans, choices
 * (with a "did you mean"), text by length and pattern, files by existence, kind, readability and, for secrets,
 * their permissions. Scalars are typed by the YAML 1.2 core schema, as editors do. Each problem goes to the sink
 * with the scalar's position and path.
 */
final class ScalarChecker {

    private final ProblemSink sink;
    private final Path baseDir;

    /** @param baseDir folder that relative file paths resolve against */
    ScalarChecker(ProblemSink sink, Path baseDir) {
        this.sink = sink;
        this.baseDir = baseDir;
    }

    /** The scalar's value as its type wants it, or empty after reporting why not. */
    Optional<Object> check(ScalarNode node, ValueType type, Position at, String path) {
        Tag tag = node.getTag();
        String raw = node.getValue();
        if (type instanceof IntegerType integer) {
            if (!Tag.INT.equals(tag)) {
                sink.add(at, path, "expected an integer, got " + quoteKind(node));
                return Optional.empty();
            }
            BigInteger value = parseInteger(raw);
            if (value.compareTo(BigInteger.valueOf(integer.min())) < 0
                    || value.compareTo(BigInteger.valueOf(integer.max())) > 0) {
                String shown = integer.hex() && value.signum() >= 0 && value.bitLength() < 63
                        ? integer.format(value.longValue()) : value.toString();
                String what = integer.outOfRange() != null ? integer.outOfRange() : "is out of range";
                sink.add(at, path, shown + " " + what + " (" + integer.format(integer.min()) + " to "
                        + integer.format(integer.max()) + ")");
                return Optional.empty();
            }
            return Optional.of(value.longValue());
        }
        if (type instanceof NumberType number) {
            if (!Tag.INT.equals(tag) && !Tag.FLOAT.equals(tag)) {
                sink.add(at, path, "expected a number, got " + quoteKind(node));
                return Optional.empty();
            }
            double value = Tag.INT.equals(tag) ? parseInteger(raw).doubleValue() : parseFloat(raw);
            if (Double.isNaN(value) || value < number.min() || value > number.max()) {
                sink.add(at, path, raw + " is out of range (" + NumberType.format(number.min()) + " to "
                        + NumberType.format(number.max()) + ")");
                return Optional.empty();
            }
            return Optional.of(value);
        }
        if (type instanceof BooleanType) {
            if (!Tag.BOOL.equals(tag)) {
                sink.add(at, path, "expected true or false, got " + quoteKind(node));
                return Optional.empty();
            }
            return Optional.of(Boolean.parseBoolean(raw.toLowerCase(Locale.ROOT)));
        }
        if (!Tag.STR.equals(tag)) {
            sink.add(at, path, "expected " + article(type) + ", got " + quoteKind(node)
                    + "; quote it (\"" + raw + "\") if you mean the text");
            return Optional.empty();
        }
        if (type instanceof ChoiceType choice) {
            if (!choice.values().contains(raw)) {
                sink.add(at, path, "'" + raw + "' is not one of " + String.join(", ", choice.values())
                        + Suggestions.didYouMean(raw, choice.values()));
                return Optional.empty();
            }
            return Optional.of(raw);
        }
        if (type instanceof TextType text) {
            if (raw.isBlank()) {
                sink.add(at, path, "is empty");
                return Optional.empty();
            }
            if (raw.length() > text.maxLength()) {
                sink.add(at, path, "is " + raw.length() + " characters long; at most " + text.maxLength());
                return Optional.empty();
            }
            if (text.pattern() != null && !text.pattern().matcher(raw).matches()) {
                sink.add(at, path, "'" + raw + "' is not valid: expected " + text.patternHint());
                return Optional.empty();
            }
            return Optional.of(raw);
        }
        if (type instanceof FileType file) {
            return checkFile(raw, file, at, path);
        }
        throw new IllegalStateException("scalar check for " + type);
    }

    private Optional<Object> checkFile(String raw, FileType type, Position at, String path) {
        Path file = baseDir.resolve(raw).normalize();
        if (!Files.exists(file)) {
            sink.add(at, path, "file not found: " + file);
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            sink.add(at, path, "not a regular file: " + file);
            return Optional.empty();
        }
        if (!Files.isReadable(file)) {
            sink.add(at, path, "file not readable by this user: " + file);
            return Optional.empty();
        }
        if (type.secret()) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.contains(PosixFilePermission.OTHERS_READ)) {
                    sink.add(at, path, "secret file " + file + " is readable by every user ("
                            + PosixFilePermissions.toString(perms) + "); run: chmod o-rwx " + file);
                    return Optional.empty();
                }
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system (the laptop case); nothing to check.
            } catch (IOException e) {
                sink.add(at, path, "cannot read the permissions of " + file + ": " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(file.toString());
    }

    private static BigInteger parseInteger(String raw) {
        String text = raw.startsWith("+") ? raw.substring(1) : raw;
        if (text.startsWith("0x")) {
            return new BigInteger(text.substring(2), 16);
        }
        if (text.startsWith("0o")) {
            return new BigInteger(text.substring(2), 8);
        }
        return new BigInteger(text);
    }

    private static double parseFloat(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(raw);
    }

    /** How a scalar is named in a message: the number 7, the boolean true, the text 'x', no value. */
    static String quoteKind(ScalarNode node) {
        Tag tag = node.getTag();
        String value = node.getValue();
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + value;
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + value;
        }
        if (Tag.NULL.equals(tag)) {
            return "no value";
        }
        return "the text '" + value + "'";
    }

    /** What a type expects, in a message: an integer, a number, one of a, b, text. */
    static String article(ValueType type) {
        if (type instanceof IntegerType) {
            return "an integer";
        }
        if (type instanceof NumberType) {
            return "a number";
        }
        if (type instanceof BooleanType) {
            return "true or false";
        }
        if (type instanceof ChoiceType choice) {
            return "one of " + String.join(", ", choice.values());
        }
        if (type instanceof FileType) {
            return "a file path";
        }
        return "text";
    }
}
