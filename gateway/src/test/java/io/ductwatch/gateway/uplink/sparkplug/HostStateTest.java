package io.ductwatch.gateway.uplink.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The primary host's STATE gates births; older and malformed messages are ignored. */
class HostStateTest {

    private static byte[] state(boolean online, long at) {
        return ("{\"online\":" + online + ",\"timestamp\":" + at + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void without_a_primary_host_births_are_always_allowed() {
        HostState none = new HostState(Optional.empty());
        assertThat(none.allowsBirth()).isTrue();
        assertThat(none.topic()).isEmpty();
    }

    @Test
    void births_follow_the_newest_state_of_the_host() {
        HostState host = new HostState(Optional.of("scada"));
        assertThat(host.topic()).contains("spBv1.0/STATE/scada");
        assertThat(host.allowsBirth()).isFalse();

        assertThat(host.arrived(state(true, 100))).isFalse();
        assertThat(host.allowsBirth()).isTrue();
        assertThat(host.arrived(state(false, 50))).as("older than the newest seen").isFalse();
        assertThat(host.allowsBirth()).isTrue();
        assertThat(host.arrived("ONLINE".getBytes(StandardCharsets.UTF_8))).as("Sparkplug 2.2 text").isFalse();
        assertThat(host.arrived(state(false, 200))).as("went offline").isTrue();
        assertThat(host.allowsBirth()).isFalse();
    }

    @Test
    void a_new_connection_learns_the_state_again() {
        HostState host = new HostState(Optional.of("scada"));
        host.arrived(state(true, 100));
        host.forget();
        assertThat(host.allowsBirth()).isFalse();
        host.arrived(state(true, 100));
        assertThat(host.allowsBirth()).isTrue();
    }
}
