package io.ductwatch.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("address", "channel", "positionM", "pollMs", "zone");

    @Test
    void finds_typos_swaps_and_case_slips() {
        assertThat(Suggestions.closest("adress", KEYS)).contains("address");
        assertThat(Suggestions.closest("chanel", KEYS)).contains("channel");
        assertThat(Suggestions.closest("positionm", KEYS)).contains("positionM");
        assertThat(Suggestions.closest("znoe", KEYS)).contains("zone");
    }

    @Test
    void suggests_nothing_for_an_unrelated_word() {
        assertThat(Suggestions.closest("colour", KEYS)).isEmpty();
        assertThat(Suggestions.didYouMean("colour", KEYS)).isEmpty();
    }

    @Test
    void counts_a_swap_as_one_edit() {
        assertThat(Suggestions.distance("gpoi", "gpio")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
