package io.ductwatch.config.yaml;

import io.ductwatch.config.schema.Field;
import io.ductwatch.config.schema.ListType;
import io.ductwatch.config.schema.MapType;
import io.ductwatch.config.schema.ObjectType;
import io.ductwatch.config.schema.ValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a YAML document and checks it against a {@link ObjectType}: unknown keys (with a "did you mean"),
 * missing keys, wrong types, bounds, patterns, referenced files. Every problem is reported, not just the
 * first; what passes comes back as a {@link Located} tree with defaults filled in.
 *
 * <p>Scalars are typed by the YAML 1.2 core schema, as editors do: {@code 7} is a number, {@code "7"}
 * text, {@code 0x44} an integer, {@code yes} text.
 */
public final class YamlChecker {

    /** Deepest nesting read ({@link YamlDocument#MAX_DEPTH}). */
    static final int MAX_DEPTH = YamlDocument.MAX_DEPTH;

    private final ProblemSink sink;
    private final ScalarChecker scalars;

    private YamlChecker(ProblemSink sink, Path baseDir) {
        this.sink = sink;
        this.scalars = new ScalarChecker(sink, baseDir);
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
        Optional<Node> root = YamlDocument.parse(text, label, sink);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Optional<Located> checked = new YamlChecker(sink, baseDir).value(root.get(), rootType, "");
        return checked.filter(Located.Mapping.class::isInstance).map(Located.Mapping.class::cast);
    }

    private Optional<Located> value(Node node, ValueType type, String path) {
        Position at = YamlDocument.position(node);
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
            sink.add(at, path, "expected " + ScalarChecker.article(type) + ", got a " + shape(node));
            return Optional.empty();
        }
        if (YamlDocument.isNull(scalar)) {
            sink.add(at, path, "has no value; expected " + ScalarChecker.article(type));
            return Optional.empty();
        }
        Optional<Object> converted = scalars.check(scalar, type, at, path);
        return converted.map(v -> new Located.Scalar(v, at, path, false));
    }

    private Optional<Located> sequence(Node node, ListType type, String path) {
        Position at = YamlDocument.position(node);
        if (!(node instanceof SequenceNode sequence)) {
            sink.add(at, path, "expected a list, got " + (node instanceof ScalarNode s ? ScalarChecker.quoteKind(s) : "a " + shape(node)));
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
        Position at = YamlDocument.position(node);
        if (!(node instanceof MappingNode mappingNode)) {
            sink.add(at, path, "expected a mapping of names to values, got a " + shape(node));
            return Optional.empty();
        }
        Map<String, Located> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mappingNode.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar) || keyScalar.getValue().isBlank()) {
                sink.add(YamlDocument.position(keyNode), path, "names must be plain text, got a " + shape(keyNode));
                continue;
            }
            String key = keyScalar.getValue();
            if (fields.containsKey(key)) {
                sink.add(YamlDocument.position(keyNode), join(path, key), "duplicate key");
                continue;
            }
            value(tuple.getValueNode(), type.value(), join(path, key)).ifPresent(v -> fields.put(key, v));
        }
        return Optional.of(new Located.Mapping(fields, fields.keySet(), at, path));
    }

    private Optional<Located.Mapping> mapping(Node node, ObjectType type, String path) {
        Position at = YamlDocument.position(node);
        if (!(node instanceof MappingNode mappingNode)) {
            sink.add(at, path, "expected a mapping of keys (" + type.name() + "), got "
                    + (node instanceof ScalarNode s ? ScalarChecker.quoteKind(s) : "a " + shape(node)));
            return Optional.empty();
        }
        Map<String, NodeTuple> given = new LinkedHashMap<>();
        Map<String, Position> firstSeen = new HashMap<>();
        for (NodeTuple tuple : mappingNode.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Position keyAt = YamlDocument.position(keyNode);
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

    private static String shape(Node node) {
        if (node instanceof MappingNode) {
            return "mapping";
        }
        if (node instanceof SequenceNode) {
            return "list";
        }
        return "scalar";
    }


}
