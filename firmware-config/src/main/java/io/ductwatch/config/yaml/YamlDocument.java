package io.ductwatch.config.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a YAML document into nodes (SnakeYAML Engine, YAML 1.2 core schema), within bounds: its size, its
 * aliases, and its depth, measured before anything is composed. Syntax errors go to the sink with their line and
 * column.
 */
final class YamlDocument {

    /** Largest file read, in characters; a site file is a few kilobytes. */
    private static final int CODE_POINT_LIMIT = 4 * 1024 * 1024;
    /**
     * Deepest nesting of mappings and lists read; the schemas nest far less (a site file five levels).
     * SnakeYAML's composer recurses per level, so a file of 40 KB of {@code [[[[} would overflow the stack:
     * the depth is measured on the event stream, which does not recurse, before anything is composed.
     */
    static final int MAX_DEPTH = 32;

    private YamlDocument() {
    }

    /** The document's root node; empty, after reporting why, when it is not there or not readable. */
    static Optional<Node> parse(String text, String label, ProblemSink sink) {
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
            Position at = e.getProblemMark().or(e::getContextMark).map(YamlDocument::position).orElse(Position.START);
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
                    return Optional.of(event.getStartMark().map(YamlDocument::position).orElse(Position.START));
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

    static Position position(Node node) {
        return node.getStartMark().map(YamlDocument::position).orElse(Position.START);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }
}
