package io.ductwatch.gateway.modem;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.gateway.modem.AtChannel.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The AT framing on its own, against a line the test answers byte by byte. */
class AtChannelTest {

    private final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-12-02T00:00:00Z"));
    private final List<String> written = new ArrayList<>();
    private final List<String> unsolicited = new ArrayList<>();
    private final AtChannel channel = new AtChannel(new SerialLine() {
        @Override
        public void open(Listener listener) {
        }

        @Override
        public void write(byte[] bytes) {
            written.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void close() {
        }

        @Override
        public String name() {
            return "/dev/test";
        }
    }, scheduler, unsolicited::add);

    private void modemSays(String text) {
        channel.received(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void collects_information_lines_up_to_the_final_result_and_drops_the_echo() throws Exception {
        CompletableFuture<Response> csq = channel.command("AT+CSQ", Duration.ofSeconds(5));
        modemSays("AT+CSQ\r");
        modemSays("\r\n+CSQ: 18,99\r\n\r\nO");
        assertThat(csq).isNotDone();
        modemSays("K\r\n");

        assertThat(csq.get().lines()).containsExactly("+CSQ: 18,99");
        assertThat(csq.get().ok()).isTrue();
        assertThat(written).containsExactly("AT+CSQ\r");
    }

    @Test
    void an_unsolicited_result_in_the_middle_of_a_response_goes_to_its_listener() throws Exception {
        CompletableFuture<Response> creg = channel.command("AT+CREG?", Duration.ofSeconds(5));
        modemSays("\r\n+CREG: 0,1\r\n\r\n+CMTI: \"SM\",3\r\n\r\nOK\r\n");

        assertThat(creg.get().lines()).containsExactly("+CREG: 0,1");
        assertThat(unsolicited).containsExactly("+CMTI: \"SM\",3");
    }

    @Test
    void error_answers_are_final_results() throws Exception {
        CompletableFuture<Response> cpin = channel.command("AT+CPIN?", Duration.ofSeconds(5));
        modemSays("\r\n+CME ERROR: SIM not inserted\r\n");

        assertThat(cpin.get().ok()).isFalse();
        assertThat(cpin.get().result()).isEqualTo("+CME ERROR: SIM not inserted");
    }

    @Test
    void commands_go_one_at_a_time_and_a_silent_modem_times_out_without_blocking_the_next() throws Exception {
        CompletableFuture<Response> first = channel.command("AT", Duration.ofSeconds(5));
        CompletableFuture<Response> second = channel.command("ATE0", Duration.ofSeconds(5));
        assertThat(written).containsExactly("AT\r");

        scheduler.advance(Duration.ofSeconds(5));
        assertThat(first).isCompletedExceptionally();
        assertThat(written).containsExactly("AT\r", "ATE0\r");
        modemSays("\r\nOK\r\n");
        assertThat(second.get().ok()).isTrue();
    }

    @Test
    void an_sms_body_follows_the_prompt_with_ctrl_z() throws ExecutionException, InterruptedException {
        CompletableFuture<Response> cmgs = channel.withBody("AT+CMGS=\"+821055500101\"", "FIRE Z2", Duration.ofSeconds(60));
        modemSays("\r\n");
        modemSays("> ");
        assertThat(written).containsExactly("AT+CMGS=\"+821055500101\"\r", "FIRE Z2\u001a");
        modemSays("\r\n+CMGS: 17\r\n\r\nOK\r\n");

        assertThat(cmgs.get().lines()).containsExactly("+CMGS: 17");
    }

    @Test
    void a_prompt_that_never_comes_is_abandoned_with_esc() {
        CompletableFuture<Response> cmgs = channel.withBody("AT+CMGS=\"+821055500101\"", "FIRE", Duration.ofSeconds(5));
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(cmgs).isCompletedExceptionally();
        assertThat(written).containsExactly("AT+CMGS=\"+821055500101\"\r", "\u001b");
    }
}
