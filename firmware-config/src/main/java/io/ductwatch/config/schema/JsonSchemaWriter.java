package io.ductwatch.config.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an {@link ObjectType} as a JSON Schema (draft-07, the one YAML editor plugins read best).
 * Variant mappings (a sensor's {@code driver}) become {@code if}/{@code then} pairs whose
 * {@code propertyNames} hold each variant to its own keys.
 */
public final class JsonSchemaWriter {

    public static final String SCHEMA_ID = "https://ductwatch.io/schema/site.schema.json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode definitions = JSON.objectNode();

    private JsonSchemaWriter() {
    }

    /** The schema as pretty-printed JSON text ending in a newline. */
    public static String write(ObjectType root) {
        JsonSchemaWriter writer = new JsonSchemaWriter();
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("$id", SCHEMA_ID);
        schema.put("title", "ductwatch site file");
        schema.setAll(writer.object(root));
        schema.set("definitions", writer.definitions);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the schema", e);
        }
    }

    private ObjectNode type(ValueType type) {
        ObjectNode node = JSON.objectNode();
        if (type instanceof IntegerType t) {
            node.put("type", "integer").put("minimum", t.min()).put("maximum", t.max());
        } else if (type instanceof NumberType t) {
            node.put("type", "number").put("minimum", t.min()).put("maximum", t.max());
        } else if (type instanceof TextType t) {
            node.put("type", "string").put("minLength", 1).put("maxLength", t.maxLength());
            if (t.pattern() != null) {
                node.put("pattern", "^(?:" + t.pattern().pattern() + ")$");
            }
        } else if (type instanceof BooleanType) {
            node.put("type", "boolean");
        } else if (type instanceof ChoiceType t) {
            ArrayNode values = node.putArray("enum");
            t.values().forEach(values::add);
        } else if (type instanceof FileType) {
            node.put("type", "string").put("minLength", 1);
        } else if (type instanceof ListType t) {
            node.put("type", "array").put("minItems", t.minItems()).put("maxItems", t.maxItems());
            node.set("items", type(t.element()));
        } else if (type instanceof MapType t) {
            node.put("type", "object");
            node.set("additionalProperties", type(t.value()));
        } else if (type instanceof ObjectType t) {
            String name = definitionName(t);
            if (!definitions.has(name)) {
                definitions.set(name, JSON.objectNode());
                definitions.set(name, object(t));
            }
            node.put("$ref", "#/definitions/" + name);
        }
        return node;
    }

    private ObjectNode object(ObjectType type) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "object");
        node.put("description", type.description());
        node.put("additionalProperties", false);
        ObjectNode properties = node.putObject("properties");
        for (Field field : type.fields()) {
            properties.set(field.name(), property(field));
        }
        required(node, type.fields());
        if (type.variantKey() == null) {
            return node;
        }
        Set<String> variantKeys = new LinkedHashSet<>();
        type.variants().values().forEach(list -> list.forEach(f -> variantKeys.add(f.name())));
        for (String key : variantKeys) {
            if (!properties.has(key)) {
                properties.set(key, JSON.objectNode().put("description",
                        "Depends on " + type.variantKey() + "; see the variants."));
            }
        }
        ArrayNode allOf = node.putArray("allOf");
        for (Map.Entry<String, List<Field>> variant : type.variants().entrySet()) {
            ObjectNode condition = JSON.objectNode();
            condition.putObject("properties").putObject(type.variantKey()).put("const", variant.getKey());
            condition.putArray("required").add(type.variantKey());
            ObjectNode then = JSON.objectNode();
            ObjectNode variantProperties = then.putObject("properties");
            for (Field field : variant.getValue()) {
                variantProperties.set(field.name(), property(field));
            }
            required(then, variant.getValue());
            ArrayNode names = then.putObject("propertyNames").putArray("enum");
            type.fieldsFor(variant.getKey()).forEach(f -> names.add(f.name()));
            allOf.addObject().<ObjectNode>set("if", condition).set("then", then);
        }
        return node;
    }

    private ObjectNode property(Field field) {
        ObjectNode node = type(field.type());
        String unit = field.unit() == null ? "" : " Unit: " + field.unit() + ".";
        node.put("description", field.description() + unit);
        Object value = field.defaultValue();
        if (value instanceof Long l) {
            node.put("default", l);
        } else if (value instanceof Double d) {
            node.put("default", d);
        } else if (value instanceof String s) {
            node.put("default", s);
        } else if (value instanceof Boolean b) {
            node.put("default", b);
        }
        return node;
    }

    private static void required(ObjectNode node, List<Field> fields) {
        List<String> names = fields.stream().filter(Field::required).map(Field::name).toList();
        if (!names.isEmpty()) {
            ArrayNode required = node.putArray("required");
            names.forEach(required::add);
        }
    }

    private static String definitionName(ObjectType type) {
        return type.name().replace(' ', '-');
    }
}
