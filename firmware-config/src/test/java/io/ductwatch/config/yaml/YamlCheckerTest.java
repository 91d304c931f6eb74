package io.ductwatch.config.yaml;

import static io.ductwatch.config.schema.Field.optional;
import static io.ductwatch.config.schema.Field.required;
import static io.ductwatch.config.schema.Field.withDefault;
import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.ConfigProblem;
import io.ductwatch.config.schema.BooleanType;
import io.ductwatch.config.schema.ChoiceType;
import io.ductwatch.config.schema.Field;
import io.ductwatch.config.schema.IntegerType;
import io.ductwatch.config.schema.ListType;
import io.ductwatch.config.schema.NumberType;
import io.ductwatch.config.schema.ObjectType;
import io.ductwatch.config.schema.TextType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlCheckerTest {

    private static final ObjectType PART = new ObjectType("part", "A part.",
            List.of(required("id", TextType.identifier(), "Id."),
                    required("shape", ChoiceType.of("round", "square"), "Shape.")),
            "shape",
            Map.of("round", List.of(required("radiusM", NumberType.between(0, 10), "Radius.")),
                    "square", List.of(withDefault("sideM", NumberType.between(0, 10), 1.0, "Side."))));

    private static final ObjectType ROOT = ObjectType.of("doc", "A document.",
            required("address", IntegerType.i2cAddress(), "Address."),
            withDefault("count", IntegerType.between(0, 10), 3L, "Count."),
            optional("ratio", NumberType.between(0, 1), "Ratio."),
            optional("name", TextType.any(), "Name."),
            withDefault("enabled", new BooleanType(), false, "Enabled."),
            withDefault("inner", ObjectType.of("inner", "Inner.", withDefault("depth", IntegerType.between(1, 9), 2L,
                    "Depth.")), Map.of(), "Inner."),
            withDefault("parts", ListType.of(PART, 0, 2), List.of(), "Parts."));

    private final ProblemSink sink = new ProblemSink("t.yaml");

    private Optional<Located.Mapping> check(String yaml) {
        return YamlChecker.check(yaml, "t.yaml", Path.of("/tmp"), ROOT, sink);
    }

    private List<String> problems() {
        return sink.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void reads_hex_and_octal_integers_and_fills_defaults() {
        Located.Mapping doc = check("address: 0x48\ncount: 0o7\n").orElseThrow();

        assertThat(problems()).isEmpty();
        assertThat(doc.requireInteger("address")).isEqualTo(0x48);
        assertThat(doc.requireInteger("count")).isEqualTo(7);
        assertThat(doc.requireBool("enabled")).isFalse();
        assertThat(doc.requireMapping("inner").requireInteger("depth")).isEqualTo(2);
        assertThat(doc.scalar("enabled").orElseThrow().defaulted()).isTrue();
        assertThat(doc.scalar("address").orElseThrow().at()).isEqualTo(new Position(1, 10));
    }

    @Test
    void a_quoted_number_is_text_and_a_plain_number_is_not_text() {
        check("address: \"0x48\"\nname: 12\nratio: '0.5'\n");

        assertThat(problems()).containsExactly(
                "t.yaml:1:10: address: expected an integer, got the text '0x48'",
                "t.yaml:2:7: name: expected text, got the number 12; quote it (\"12\") if you mean the text",
                "t.yaml:3:8: ratio: expected a number, got the text '0.5'");
    }

    @Test
    void yes_is_not_a_boolean_in_yaml_1_2() {
        check("address: 0x48\nenabled: yes\n");
        assertThat(problems()).containsExactly("t.yaml:2:10: enabled: expected true or false, got the text 'yes'");
    }

    @Test
    void true_in_any_yaml_case_is_a_boolean() {
        assertThat(check("address: 0x48\nenabled: True\n").orElseThrow().requireBool("enabled")).isTrue();
    }

    @Test
    void a_key_without_value_is_reported() {
        check("address:\n");
        assertThat(problems()).containsExactly("t.yaml:1:9: address: has no value; expected an integer");
    }

    @Test
    void integer_bounds_are_checked_and_nan_is_no_number() {
        check("address: 0x48\ncount: 11\nratio: .nan\n");
        assertThat(problems()).containsExactly(
                "t.yaml:2:8: count: 11 is out of range (0 to 10)",
                "t.yaml:3:8: ratio: .nan is out of range (0 to 1)");
    }

    @Test
    void duplicate_keys_are_reported_at_the_second() {
        check("address: 0x48\naddress: 0x49\n");
        assertThat(problems()).containsExactly("t.yaml:2:1: address: duplicate key (first at line 1)");
    }

    @Test
    void variant_keys_follow_the_variant() {
        check("""
                address: 0x48
                parts:
                  - { id: a, shape: round, radiusM: 1, sideM: 2 }
                  - { id: b, shape: square }
                """);
        assertThat(problems()).containsExactly(
                "t.yaml:3:40: parts[0].sideM: key 'sideM' does not apply to shape round (it belongs to square)");
    }

    @Test
    void a_bad_variant_does_not_bury_the_user_in_follow_up_errors() {
        check("""
                address: 0x48
                parts:
                  - { id: a, shape: rond, radiusM: 1 }
                """);
        assertThat(problems()).containsExactly(
                "t.yaml:3:21: parts[0].shape: 'rond' is not one of round, square; did you mean 'round'?");
    }

    @Test
    void missing_variant_specific_key_names_the_variant() {
        check("address: 0x48\nparts: [ { id: a, shape: round } ]\n");
        assertThat(problems()).containsExactly(
                "t.yaml:2:10: parts[0].radiusM: missing required key for shape round");
    }

    @Test
    void list_size_bounds_are_checked() {
        check("address: 0x48\nparts: [ {id: a, shape: square}, {id: b, shape: square}, {id: c, shape: square} ]\n");
        assertThat(problems()).containsExactly("t.yaml:2:8: parts: has 3 items; expected 0 to 2");
    }

    @Test
    void aliases_are_followed() {
        Located.Mapping doc = check("address: &a 0x48\ncount: 4\ninner: { depth: 3 }\n").orElseThrow();
        assertThat(problems()).isEmpty();
        assertThat(doc.requireMapping("inner").requireInteger("depth")).isEqualTo(3);
    }

    @Test
    void a_document_that_is_not_a_mapping_is_reported() {
        assertThat(check("- a\n- b\n")).isEmpty();
        assertThat(problems()).containsExactly("t.yaml:1:1: (document): expected a mapping of keys (doc), got a list");
    }

    @Test
    void syntax_errors_carry_their_position() {
        check("address: 0x48\ninner: { depth: 3\n");
        assertThat(problems()).singleElement().asString()
                .startsWith("t.yaml:3:1: (document): YAML syntax error: ");
    }

    @Test
    void tabs_for_indentation_are_a_syntax_error_not_a_crash() {
        check("inner:\n\tdepth: 3\n");
        assertThat(problems()).singleElement().asString().contains("YAML syntax error");
    }

    @Test
    void every_field_used_here_exists() {
        assertThat(ROOT.fields()).extracting(Field::name).contains("address", "parts");
    }

    @Test
    void deep_nesting_is_one_problem_not_a_stack_overflow() {
        assertThat(check("address: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n")).isEmpty();
        assertThat(problems()).singleElement().asString()
                .isEqualTo("t.yaml:1:" + (9 + YamlChecker.MAX_DEPTH) + ": (document): nested more than "
                        + YamlChecker.MAX_DEPTH + " levels deep; a site file nests a few levels (see the schema)");
    }

    @Test
    void deep_block_nesting_is_refused_too() {
        StringBuilder yaml = new StringBuilder("address:\n");
        for (int i = 1; i <= 40; i++) {
            yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        yaml.append("  ".repeat(41)).append("v\n");
        assertThat(check(yaml.toString())).isEmpty();
        assertThat(problems()).singleElement().asString().contains("nested more than 32 levels deep");
    }

    @Test
    void a_merge_key_is_an_unknown_key() {
        check("address: 0x48\ninner: &i { depth: 3 }\nparts:\n  - { <<: *i, id: p, shape: round, radiusM: 1 }\n");
        assertThat(problems()).singleElement().asString().contains("parts[0].<<: unknown key '<<'");
    }

    @Test
    void control_and_direction_characters_are_escaped_when_echoed() {
        check("address: 0x48\nna\u202Eme: x\n");
        assertThat(problems()).singleElement().asString().contains("na\\u202Eme").doesNotContain("\u202E");
    }
}
