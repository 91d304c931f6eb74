package io.ductwatch.gateway.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SmsBudgetTest {

    static final Duration HOUR = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void admits_ten_in_an_hour_and_holds_the_rest_for_one_digest_when_the_hour_allows_it() {
        SmsBudget budget = new SmsBudget();
        for (int i = 0; i < 10; i++) {
            assertThat(budget.admit("FIRE", "fire " + i, T0.plusSeconds(i))).isTrue();
            budget.sent(T0.plusSeconds(i + 2));
        }
        assertThat(budget.admit("WATER", "water", T0.plusSeconds(20))).isFalse();
        assertThat(budget.admit("FIRE", "fire 11", T0.plusSeconds(30))).isFalse();

        assertThat(budget.digestDue(T0.plusSeconds(30))).as("the hour counts from when the network took the first")
                .contains(T0.plusSeconds(2).plus(HOUR));
        assertThat(budget.takeDigest(T0.plus(HOUR).plusSeconds(1))).isEmpty();
        assertThat(budget.takeDigest(T0.plus(HOUR).plusSeconds(2)))
                .contains(new SmsBudget.Digest(2, "FIRE 1, WATER 1", "fire 11"));
        assertThat(budget.digestDue(T0.plus(HOUR))).isEmpty();
    }

    @Test
    void sms_still_in_the_modems_queue_count_and_one_given_up_frees_its_place() {
        SmsBudget budget = new SmsBudget();
        for (int i = 0; i < 10; i++) {
            assertThat(budget.admit("FIRE", "fire", T0)).isTrue();
        }
        assertThat(budget.admit("FIRE", "eleventh", T0)).isFalse();
        assertThat(budget.digestDue(T0)).as("all ten still queued: look again soon").contains(T0.plusSeconds(60));

        budget.gaveUp();
        assertThat(budget.takeDigest(T0.plusSeconds(60))).contains(new SmsBudget.Digest(1, "FIRE 1", "eleventh"));
    }

    @Test
    void a_digest_shows_the_latest_alarm_it_holds_before_any_answer() {
        SmsBudget budget = new SmsBudget();
        for (int i = 0; i < 10; i++) {
            budget.admit(SmsBudget.ANSWER, "status " + i, T0);
            budget.sent(T0);
        }
        budget.admit(SmsBudget.ANSWER, "status 10", T0.plusSeconds(1));
        budget.admit("WATER", "WATER RAISED Z1 @60.0m", T0.plusSeconds(2));
        budget.admit(SmsBudget.ANSWER, "status 11", T0.plusSeconds(3));

        assertThat(budget.takeDigest(T0.plus(HOUR)))
                .contains(new SmsBudget.Digest(3, "ANSWER 2, WATER 1", "WATER RAISED Z1 @60.0m"));
    }
}
