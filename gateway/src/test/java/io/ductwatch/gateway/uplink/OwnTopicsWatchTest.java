package io.ductwatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.GatewayHealth;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What counts as a foreign write on the gateway's own retained topics. */
class OwnTopicsWatchTest {

    private static final String STATUS = "ductwatch/example-duct/gw01/status";
    private static final byte[] WILL = bytes("{\"online\":false,\"bootId\":\"b2\"}");

    private final OwnTopicsWatch watch = new OwnTopicsWatch(WILL, () -> 1234L);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void what_the_gateway_published_is_its_own() {
        watch.published(STATUS, bytes("{\"online\":true,\"bootId\":\"b2\"}"));
        assertThat(watch.arrived(STATUS, bytes("{\"online\":true,\"bootId\":\"b2\"}"), false))
                .isEqualTo(OwnTopicsWatch.Verdict.OWN);
        assertThat(watch.lastForeign()).isEmpty();
    }

    @Test
    void what_the_broker_held_before_the_connection_is_not_judged() {
        assertThat(watch.arrived(STATUS, bytes("{\"online\":false}"), true)).isEqualTo(OwnTopicsWatch.Verdict.OWN);
    }

    @Test
    void its_own_will_and_the_previous_boots_will_are_stale_not_foreign() {
        watch.previousBoot("b1");
        assertThat(watch.arrived(STATUS, WILL, false)).isEqualTo(OwnTopicsWatch.Verdict.OWN_BUT_STALE);
        assertThat(watch.arrived(STATUS, bytes("{\"online\":false,\"bootId\":\"b1\",\"version\":\"1\"}"), false))
                .isEqualTo(OwnTopicsWatch.Verdict.OWN_BUT_STALE);
        assertThat(watch.lastForeign()).isEmpty();
    }

    @Test
    void anything_else_is_foreign_and_remembered() {
        watch.previousBoot("b1");
        assertThat(watch.arrived(STATUS, bytes("{\"online\":false,\"bootId\":\"zz\"}"), false))
                .isEqualTo(OwnTopicsWatch.Verdict.FOREIGN);
        assertThat(watch.lastForeign()).contains(new GatewayHealth.ForeignWrite(1234L, STATUS));
        assertThat(watch.arrived(STATUS, bytes("not json"), false)).isEqualTo(OwnTopicsWatch.Verdict.FOREIGN);
    }
}
