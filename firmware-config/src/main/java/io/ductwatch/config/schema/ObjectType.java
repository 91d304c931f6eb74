package io.ductwatch.config.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML mapping with a closed set of keys. Some mappings come in variants chosen by one key (a
 * sensor's {@code driver}): each variant adds its own keys to the common ones, and a key of another
 * variant is an error.
 *
 * @param name        name used in documentation and schema definitions ("sensor")
 * @param description what the mapping describes
 * @param fields      keys every variant has, in documentation order
 * @param variantKey  the key that selects a variant, or {@code null}; it must be one of {@code fields}
 *                    and a {@link ChoiceType} listing the variants
 * @param variants    keys each variant adds, by the variant key's value
 */
public record ObjectType(String name, String description, List<Field> fields, String variantKey,
                         Map<String, List<Field>> variants) implements ValueType {

    public ObjectType {
        fields = List.copyOf(fields);
        variants = variants == null ? Map.of() : copyOrdered(variants);
        if (variantKey != null && fields.stream().noneMatch(f -> f.name().equals(variantKey))) {
            throw new IllegalArgumentException(name + ": variant key " + variantKey + " is not a field");
        }
    }

    public static ObjectType of(String name, String description, Field... fields) {
        return new ObjectType(name, description, List.of(fields), null, Map.of());
    }

    private static Map<String, List<Field>> copyOrdered(Map<String, List<Field>> variants) {
        Map<String, List<Field>> copy = new LinkedHashMap<>();
        variants.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** The keys allowed when the variant key has {@code variant} (or every common key if none). */
    public List<Field> fieldsFor(String variant) {
        List<Field> all = new ArrayList<>(fields);
        if (variant != null && variants.containsKey(variant)) {
            all.addAll(variants.get(variant));
        }
        return all;
    }

    public Optional<Field> field(String key, String variant) {
        return fieldsFor(variant).stream().filter(f -> f.name().equals(key)).findFirst();
    }

    /** The variants, other than {@code variant}, that have a key of this name. */
    public List<String> variantsHaving(String key) {
        List<String> owners = new ArrayList<>();
        variants.forEach((v, list) -> {
            if (list.stream().anyMatch(f -> f.name().equals(key))) {
                owners.add(v);
            }
        });
        return owners;
    }

    @Override
    public String describe() {
        return "mapping (" + name + ")";
    }
}
