package io.ductwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid fixture is rejected with exactly the problems written in it, all at once. */
class InvalidSiteFixturesTest {

    static Stream<InvalidFixture> fixtures() {
        return InvalidFixture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reports_exactly_the_expected_problems(InvalidFixture fixture) {
        String label = fixture.file().getFileName().toString();

        InvalidConfigException thrown = catchThrowableOfType(InvalidConfigException.class,
                () -> SiteLoader.load(fixture.file(), label));

        assertThat(thrown).as("%s must be rejected", label).isNotNull();
        List<String> reported = thrown.problems().stream()
                .map(p -> p.toString().substring(label.length() + 1))
                .toList();
        assertThat(reported).containsExactlyInAnyOrderElementsOf(fixture.expected());
        assertThat(thrown.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(label));
    }

    @Test
    void there_is_a_fixture_for_each_rule_of_the_issue() {
        List<String> names = fixtures().map(InvalidFixture::toString).toList();
        assertThat(names).contains("unknown-key.yaml", "missing-key.yaml", "wrong-type.yaml", "yaml-syntax.yaml",
                "duplicate-id.yaml", "bus-address-conflict.yaml", "gpio-conflict.yaml", "i2c-address-range.yaml",
                "gpio-range.yaml", "position-outside-duct.yaml", "outside-zone.yaml", "poll-bounds.yaml",
                "threshold-bounds.yaml", "rom-id.yaml", "empty.yaml");
    }

    @Test
    void problems_come_in_file_order() {
        InvalidConfigException thrown = catchThrowableOfType(InvalidConfigException.class,
                () -> SiteLoader.load(ModulePaths.invalidFixtures().resolve("poll-bounds.yaml")));
        assertThat(thrown.problems()).isSorted();
        assertThat(thrown.problems()).hasSizeGreaterThan(5);
    }

    @Test
    void missing_file_is_a_problem_not_a_crash() {
        assertThatThrownBy(() -> SiteLoader.load(ModulePaths.invalidFixtures().resolve("no-such.yaml"), "no-such.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("no-such.yaml:1:1: (document): no such file");
    }
}
