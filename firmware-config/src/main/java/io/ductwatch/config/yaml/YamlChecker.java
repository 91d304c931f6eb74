package io.ductwatch.config.yaml;

import io.ductwatch.config.schema.BooleanType;
import io.ductwatch.config.schema.ChoiceType;
import io.ductwatch.config.schema.Field;
import io.ductwatch.config.schema.FileType;
import io.ductwatch.config.schema.IntegerType;
import io.ductwatch.config.schema.ListType;
import io.ductwatch.config.schema.MapType;
import io.ductwatch.config.schema.NumberType;
import io.ductwatch.config.schema.ObjectType;
import io.ductwatch.config.schema.TextType;
import io.ductwatch.config.schema.ValueType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a YAML document and checks it against a {@link ObjectType}: unknown keys (with a "did you mean"),
 * missing keys, wrong types, bounds, patterns, referenced files. Every problem is reported, not just the
 * first; what passes comes back as a {@link Located} tree with defaults filled in.
 *
 * <p>Scalars are typed by the YAML 1.2 core schema, as editors do: {@code 7} is a number, {@code "7"}
 * text, {@code 0x44} an integer, {@code yes} text.
 */
public final class YamlChecker {

    /** Largest file read, in characters; a site file is a few kilobytes. */
    private static final int CODE_POINT_LIMIT = 4 * 1024 * 1024;
    /**
     * Deepest nesting of mappings and lists read; the schemas nest far less (a site file five levels).
     * SnakeYAML's composer recurses per level, so a file of 40 KB of {@code [[[[} would overflow the stack:
     * the depth is measured on the event stream, which does not recurse, before anything is composed.
     */
    static final int MAX_DEPTH = 32;

    private final ProblemSink sink;
    private final Path baseDir;

    private YamlChecker(ProblemSink sink, Path baseDir) {
        this.sink = sink;
        this.baseDir = baseDir;
    }

    /**
     * Parses {@code text} and checks it against {@code rootType}.
     *
     * @param text     the whole file
     * @param label    the file name as the user gave it, for syntax errors
     * @param baseDir  folder that relative file paths resolve against
     * @param rootType what the document must be
     * @param sink     receives every problem
     * @return the checked tree, empty when the document is empty or is not a mapping
     */
    public static Optional<Located.Mapping> check(String text, String label, Path baseDir, ObjectType rootType,
                                                  ProblemSink sink) {
        Optional<Node> root = parse(text, label, sink);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Optional<Located> checked = new YamlChecker(sink, baseDir).value(root.get(), rootType, "");
        return checked.filter(Located.Mapping.class::isInstance).map(Located.Mapping.class::cast);
    }

    private static Optional<Node> parse(String text, String label, ProblemSink sink) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setSchema(new CoreSchema())
                .setCodePointLimit(CODE_POINT_LIMIT)
                .setMaxAliasesForCollections(50)
                .build();
        try {
            Optional<Position> tooDeep = deeperThan(MAX_DEPTH, settings, text);
            if (tooDeep.isPresent()) {
                sink.add(tooDeep.get(), "", "nested more than " + MAX_DEPTH + " levels deep; a site file nests a"
                        + " few levels (see the schema)");
                return Optional.empty();
            }
            Optional<Node> node = new Compose(settings).composeString(text);
            if (node.isEmpty() || isNull(node.get())) {
                sink.add(Position.START, "", "the file is empty: a site file is a YAML mapping");
                return Optional.empty();
            }
            return node;
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark().or(e::getContextMark).map(YamlChecker::position).orElse(Position.START);
            String context = e.getContext() == null ? "" : " (" + e.getContext().trim() + ")";
            sink.add(at, "", "YAML syntax error: " + e.getProblem().trim() + context);
        } catch (YamlEngineException e) {
            sink.add(Position.START, "", "YAML error: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Where the document first nests deeper than {@code limit} mappings and lists, if it does. */
    private static Optional<Position> deeperThan(int limit, LoadSettings settings, String text) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            if (event instanceof CollectionStartEvent) {
                depth++;
                if (depth > limit) {
                    return Optional.of(event.getStartMark().map(YamlChecker::position).orElse(Position.START));
                }
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
        return Optional.empty();
    }

    static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Position position(Node node) {
        return node.getStartMark().map(YamlChecker::position).orElse(Position.START);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private Optional<Located> value(Node node, ValueType type, String path) {
        Position at = position(node);
        if (type instanceof ObjectType object) {
            return mapping(node, object, path).map(Located.class::cast);
        }
        if (type instanceof ListType list) {
            return sequence(node, list, path);
        }
        if (type instanceof MapType map) {
            return named(node, map, path).map(Located.class::cast);
        }
        if (!(node instanceof ScalarNode scalar)) {
            sink.add(at, path, "expected " + article(type) + ", got a " + shape(node));
            return Optional.empty();
        }
        if (isNull(scalar)) {
            sink.add(at, path, "has no value; expected " + article(type));
            return Optional.empty();
        }
        Optional<Object> converted = scalar(scalar, type, at, path);
        return converted.map(v -> new Located.Scalar(v, at, path, false));
    }

    private Optional<Object> scalar(ScalarNode node, ValueType type, Position at, String path) {
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
            return Optional.of(Boolean.parseBoolean(raw.toLowerCase(java.util.Locale.ROOT)));
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

    private Optional<Located> sequence(Node node, ListType type, String path) {
        Position at = position(node);
        if (!(node instanceof SequenceNode sequence)) {
            sink.add(at, path, "expected a list, got " + (node instanceof ScalarNode s ? quoteKind(s) : "a " + shape(node)));
            return Optional.empty();
        }
        List<Node> nodes = sequence.getValue();
        if (nodes.size() < type.minItems() || nodes.size() > type.maxItems()) {
            sink.add(at, path, "has " + nodes.size() + " items; expected " + type.minItems() + " to "
                    + type.maxItems());
        }
        List<Located> items = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            value(nodes.get(i), type.element(), path + "[" + i + "]").ifPresent(items::add);
        }
        return Optional.of(new Located.Sequence(items, at, path));
    }

    /** A mapping of names the user chooses to values of one type. */
    private Optional<Located.Mapping> named(Node node, MapType type, String path) {
        Position at = position(node);
        if (!(node instanceof MappingNode mappingNode)) {
            sink.add(at, path, "expected a mapping of names to values, got a " + shape(node));
            return Optional.empty();
        }
        Map<String, Located> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mappingNode.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar) || keyScalar.getValue().isBlank()) {
                sink.add(position(keyNode), path, "names must be plain text, got a " + shape(keyNode));
                continue;
            }
            String key = keyScalar.getValue();
            if (fields.containsKey(key)) {
                sink.add(position(keyNode), join(path, key), "duplicate key");
                continue;
            }
            value(tuple.getValueNode(), type.value(), join(path, key)).ifPresent(v -> fields.put(key, v));
        }
        return Optional.of(new Located.Mapping(fields, fields.keySet(), at, path));
    }

    private Optional<Located.Mapping> mapping(Node node, ObjectType type, String path) {
        Position at = position(node);
        if (!(node instanceof MappingNode mappingNode)) {
            sink.add(at, path, "expected a mapping of keys (" + type.name() + "), got "
                    + (node instanceof ScalarNode s ? quoteKind(s) : "a " + shape(node)));
            return Optional.empty();
        }
        Map<String, NodeTuple> given = new LinkedHashMap<>();
        Map<String, Position> firstSeen = new HashMap<>();
        for (NodeTuple tuple : mappingNode.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Position keyAt = position(keyNode);
            if (!(keyNode instanceof ScalarNode keyScalar) || !Tag.STR.equals(keyNode.getTag())) {
                sink.add(keyAt, path, "keys must be plain words, got a " + shape(keyNode));
                continue;
            }
            String key = keyScalar.getValue();
            if (firstSeen.containsKey(key)) {
                sink.add(keyAt, join(path, key), "duplicate key (first at line " + firstSeen.get(key).line() + ")");
                continue;
            }
            firstSeen.put(key, keyAt);
            given.put(key, tuple);
        }

        String variant = null;
        Map<String, Located> fields = new LinkedHashMap<>();
        if (type.variantKey() != null && given.containsKey(type.variantKey())) {
            Field variantField = type.field(type.variantKey(), null).orElseThrow();
            Optional<Located> chosen = value(given.get(type.variantKey()).getValueNode(), variantField.type(),
                    join(path, type.variantKey()));
            if (chosen.isPresent()) {
                variant = (String) ((Located.Scalar) chosen.get()).value();
                fields.put(type.variantKey(), chosen.get());
            }
        }
        boolean variantKnown = type.variantKey() == null || variant != null;

        List<Field> allowed = type.fieldsFor(variant);
        Set<String> allowedNames = allowed.stream().map(Field::name).collect(Collectors.toCollection(
                java.util.LinkedHashSet::new));
        for (Map.Entry<String, NodeTuple> entry : given.entrySet()) {
            String key = entry.getKey();
            if (key.equals(type.variantKey())) {
                continue;
            }
            Position keyAt = firstSeen.get(key);
            if (!allowedNames.contains(key)) {
                if (variantKnown) {
                    sink.add(keyAt, join(path, key), unknownKeyMessage(type, key, variant, allowedNames));
                }
                continue;
            }
            Field field = type.field(key, variant).orElseThrow();
            value(entry.getValue().getValueNode(), field.type(), join(path, key)).ifPresent(v -> fields.put(key, v));
        }

        for (Field field : allowed) {
            if (given.containsKey(field.name())) {
                continue;
            }
            if (field.required()) {
                if (variantKnown || field.name().equals(type.variantKey())) {
                    sink.add(at, join(path, field.name()), "missing required key"
                            + (type.variantKey() != null && variant != null
                            && !type.fields().contains(field) ? " for " + type.variantKey() + " " + variant : ""));
                }
            } else if (field.defaultValue() != null) {
                defaulted(field, at, join(path, field.name())).ifPresent(v -> fields.put(field.name(), v));
            }
        }
        return Optional.of(new Located.Mapping(fields, given.keySet(), at, path));
    }

    private static String unknownKeyMessage(ObjectType type, String key, String variant, Set<String> allowedNames) {
        List<String> owners = type.variantsHaving(key);
        if (!owners.isEmpty()) {
            return "key '" + key + "' does not apply to " + type.variantKey() + " " + variant
                    + " (it belongs to " + String.join(", ", owners) + ")";
        }
        Optional<String> near = Suggestions.closest(key, allowedNames);
        return near.map(n -> "unknown key '" + key + "'; did you mean '" + n + "'?")
                .orElse("unknown key '" + key + "'; allowed here: " + String.join(", ", allowedNames));
    }

    /** The value of an absent key with a default, built the way a present value would be. */
    private static Optional<Located> defaulted(Field field, Position at, String path) {
        if (field.type() instanceof ObjectType object) {
            if (object.fields().stream().anyMatch(Field::required)) {
                return Optional.empty();
            }
            Map<String, Located> fields = new LinkedHashMap<>();
            for (Field f : object.fields()) {
                if (f.defaultValue() != null) {
                    defaulted(f, at, join(path, f.name())).ifPresent(v -> fields.put(f.name(), v));
                }
            }
            return Optional.of(new Located.Mapping(fields, java.util.Set.of(), at, path));
        }
        if (field.type() instanceof ListType) {
            List<Located> items = new ArrayList<>();
            int i = 0;
            for (Object item : (List<?>) field.defaultValue()) {
                items.add(new Located.Scalar(item, at, path + "[" + i++ + "]", true));
            }
            return Optional.of(new Located.Sequence(items, at, path));
        }
        return Optional.of(new Located.Scalar(field.defaultValue(), at, path, true));
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
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
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(raw);
    }

    private static String quoteKind(ScalarNode node) {
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

    private static String shape(Node node) {
        if (node instanceof MappingNode) {
            return "mapping";
        }
        if (node instanceof SequenceNode) {
            return "list";
        }
        return "scalar";
    }

    private static String article(ValueType type) {
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
