package io.ductwatch.config.yaml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value read from a YAML file that passed its type check, with where it stands. Invalid values are
 * left out of their parent (their problem is already reported), so checks that run later only see values
 * of the right type and skip what is missing.
 */
public sealed interface Located {

    /** Where the value starts; for a defaulted value, where its parent mapping starts. */
    Position at();

    /** Document path: {@code sensors[3].address}. */
    String path();

    /** A scalar: Long, Double, String or Boolean. */
    record Scalar(Object value, Position at, String path, boolean defaulted) implements Located {
    }

    /** A sequence. */
    record Sequence(List<Located> items, Position at, String path) implements Located {

        public Sequence {
            items = List.copyOf(items);
        }

        public List<Mapping> mappings() {
            return items.stream().filter(Mapping.class::isInstance).map(Mapping.class::cast).toList();
        }

        public List<Object> values() {
            return items.stream().filter(Scalar.class::isInstance).map(i -> ((Scalar) i).value()).toList();
        }
    }

    /**
     * A mapping: the keys that passed their check or were defaulted, each with its value, and the keys
     * written in the file (valid or not).
     */
    record Mapping(Map<String, Located> fields, java.util.Set<String> written, Position at, String path)
            implements Located {

        public Mapping {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
            written = java.util.Set.copyOf(written);
        }

        /** Whether the key has a valid value, given or defaulted. */
        public boolean has(String key) {
            return fields.containsKey(key);
        }

        /** Whether the key is written in the file, whatever its value. */
        public boolean isWritten(String key) {
            return written.contains(key);
        }

        public Optional<Located> get(String key) {
            return Optional.ofNullable(fields.get(key));
        }

        public Optional<Mapping> mapping(String key) {
            return get(key).filter(Mapping.class::isInstance).map(Mapping.class::cast);
        }

        public Optional<Sequence> sequence(String key) {
            return get(key).filter(Sequence.class::isInstance).map(Sequence.class::cast);
        }

        public Optional<Scalar> scalar(String key) {
            return get(key).filter(Scalar.class::isInstance).map(Scalar.class::cast);
        }

        public Optional<String> text(String key) {
            return scalar(key).map(Scalar::value).filter(String.class::isInstance).map(String.class::cast);
        }

        public Optional<Double> number(String key) {
            return scalar(key).map(Scalar::value).filter(Number.class::isInstance)
                    .map(v -> ((Number) v).doubleValue());
        }

        public Optional<Long> integer(String key) {
            return scalar(key).map(Scalar::value).filter(Long.class::isInstance).map(Long.class::cast);
        }

        public Optional<Boolean> bool(String key) {
            return scalar(key).map(Scalar::value).filter(Boolean.class::isInstance).map(Boolean.class::cast);
        }

        /** Where the key's value stands, or the mapping itself when the key is absent. */
        public Position at(String key) {
            return get(key).map(Located::at).orElse(at);
        }

        public String pathOf(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        /** Value of a key that the type check guarantees present (required or defaulted). */
        public String requireText(String key) {
            return text(key).orElseThrow(() -> missing(key));
        }

        public double requireNumber(String key) {
            return number(key).orElseThrow(() -> missing(key));
        }

        public long requireInteger(String key) {
            return integer(key).orElseThrow(() -> missing(key));
        }

        public boolean requireBool(String key) {
            return bool(key).orElseThrow(() -> missing(key));
        }

        public Mapping requireMapping(String key) {
            return mapping(key).orElseThrow(() -> missing(key));
        }

        public Sequence requireSequence(String key) {
            return sequence(key).orElseThrow(() -> missing(key));
        }

        private IllegalStateException missing(String key) {
            return new IllegalStateException(pathOf(key) + " absent after a successful check");
        }
    }
}
