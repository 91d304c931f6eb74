package io.ductwatch.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.VirtualScheduler;
import io.ductwatch.gateway.core.fallback.IncomingSms;
import io.ductwatch.gateway.core.fallback.SmsGateway.SmsOutcome;
import io.ductwatch.gateway.modem.CellularModem;
import io.ductwatch.gateway.modem.SerialLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gateway's AT dialogue ({@link CellularModem}) against the emulated modem, byte for byte through the
 * same serial-line interface a real one sits behind: set-up, SMS out and in, and every error answer the
 * modem gives, a modem that hangs and one that vanishes from USB, on virtual time.
 */
class ModemDialogueTest {

    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");
    private static final String TO = "+821055500101";

    private final VirtualScheduler scheduler = new VirtualScheduler(T0);
    private final List<String> health = new ArrayList<>();
    private final List<IncomingSms> incoming = new ArrayList<>();
    private final List<SmsOutcome> outcomes = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private EmulatedModem twin = new EmulatedModem("/dev/ttyUSB2", scheduler, Optional.empty());
    private CellularModem modem;

    /** The twin, with what the gateway writes to it recorded. */
    private final SerialLine tap = new SerialLine() {
        @Override
        public void open(Listener listener) throws IOException {
            twin.open(listener);
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            written.add(new String(bytes, StandardCharsets.ISO_8859_1));
            twin.write(bytes);
        }

        @Override
        public void close() {
            twin.close();
        }

        @Override
        public String name() {
            return twin.name();
        }
    };

    private CellularModem start(Optional<String> pinFile) {
        modem = new CellularModem(tap, scheduler, () -> pinFile, incoming::add,
                (ok, reason) -> health.add(ok ? "ok: " + reason : "TROUBLE: " + reason)).start();
        return modem;
    }

    private void run(Duration duration) {
        scheduler.advance(duration);
    }

    private String lastHealth() {
        return health.isEmpty() ? "" : health.get(health.size() - 1);
    }

    @Test
    void sets_up_a_healthy_modem_and_reports_its_signal() {
        start(Optional.empty());
        run(Duration.ofSeconds(2));

        assertThat(modem.ready()).isTrue();
        assertThat(health).containsExactly("ok: registered, signal -77 dBm");
    }

    @Test
    void sends_an_sms_through_the_prompt_and_ctrl_z() {
        start(Optional.empty());
        modem.send(TO, "ductwatch example-duct/gw01 FIRE RAISED Z2 @143.2m", outcomes::add);
        run(Duration.ofSeconds(10));

        assertThat(twin.sent()).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(TO);
            assertThat(s.text()).isEqualTo("ductwatch example-duct/gw01 FIRE RAISED Z2 @143.2m");
        });
        assertThat(outcomes).singleElement().isEqualTo(new SmsOutcome(true, "+CMGS: 1", 1, true));
    }

    @Test
    void texts_wait_while_the_modem_cannot_send_and_go_once_it_can() {
        twin.setFault(EmulatedModem.Fault.NO_SIGNAL);
        start(Optional.empty());
        modem.send(TO, "FIRE", outcomes::add);
        run(Duration.ofSeconds(40));
        assertThat(twin.sent()).isEmpty();

        twin.setFault(EmulatedModem.Fault.NONE);
        run(CellularModem.SUPERVISE_EVERY.plusSeconds(5));

        assertThat(twin.sent()).extracting(EmulatedModem.SentSms::text).containsExactly("FIRE");
        assertThat(lastHealth()).startsWith("ok");
    }

    @Test
    void no_network_is_a_trouble_naming_the_registration_and_the_signal() {
        twin.setFault(EmulatedModem.Fault.NO_SIGNAL);
        start(Optional.empty());
        run(Duration.ofSeconds(2));

        assertThat(lastHealth()).isEqualTo("TROUBLE: no network: not registered (+CREG: 0,2), signal unknown");
        assertThat(modem.ready()).as("set up, but texts wait for the network").isFalse();
    }

    @Test
    void a_modem_without_lte_answers_error_to_cereg_and_is_registered_through_creg() {
        twin.lacks("AT+CEREG?");
        start(Optional.empty());
        run(Duration.ofSeconds(2));

        assertThat(written).contains("AT+CEREG?\r");
        assertThat(lastHealth()).isEqualTo("ok: registered, signal -77 dBm");
    }

    @Test
    void a_modem_refusing_text_mode_is_a_trouble_saying_so_and_is_set_up_again_later() {
        twin.lacks("AT+CMGF=1");
        start(Optional.empty());
        run(Duration.ofSeconds(2));

        assertThat(lastHealth()).isEqualTo("TROUBLE: the modem refuses text mode (AT+CMGF=1: ERROR)");
        assertThat(modem.ready()).isFalse();
        run(CellularModem.SUPERVISE_EVERY);
        assertThat(written.stream().filter(w -> w.equals("AT+CMGF=1\r"))).as("tried again").hasSize(2);
    }

    @Test
    void a_missing_sim_is_a_trouble_with_the_modems_verbose_error() {
        twin.setFault(EmulatedModem.Fault.SIM_MISSING);
        start(Optional.empty());
        run(Duration.ofSeconds(2));

        assertThat(lastHealth()).isEqualTo("TROUBLE: no SIM ready: +CME ERROR: SIM not inserted");
        twin.setFault(EmulatedModem.Fault.NONE);
        run(CellularModem.SUPERVISE_EVERY);
        assertThat(lastHealth()).startsWith("ok");
    }

    @Test
    void a_sim_asking_for_a_pin_gets_the_one_from_the_pin_file() {
        twin = new EmulatedModem("/dev/ttyUSB2", scheduler, Optional.of("4321"));
        start(Optional.of("4321"));
        run(Duration.ofSeconds(2));

        assertThat(lastHealth()).startsWith("ok");
    }

    @Test
    void a_sim_asking_for_a_pin_without_a_pin_file_is_a_trouble() {
        twin = new EmulatedModem("/dev/ttyUSB2", scheduler, Optional.of("4321"));
        start(Optional.empty());
        run(Duration.ofSeconds(2));

        assertThat(lastHealth()).isEqualTo(
                "TROUBLE: the SIM asks for a PIN and none is configured (fallback.modem.pinFile)");
    }

    @Test
    void a_refused_pin_is_never_sent_again_so_the_sim_does_not_lock() {
        twin = new EmulatedModem("/dev/ttyUSB2", scheduler, Optional.of("4321"));
        start(Optional.of("0000"));
        run(Duration.ofMinutes(10));

        assertThat(written).filteredOn(w -> w.startsWith("AT+CPIN=")).hasSize(1);
        assertThat(lastHealth()).startsWith("TROUBLE: SIM PIN refused (+CME ERROR: incorrect password): not tried again");
    }

    @Test
    void beyond_two_hundred_texts_waiting_for_the_modem_the_oldest_is_given_up_and_the_rest_go_in_order() {
        twin.setFault(EmulatedModem.Fault.NO_SIGNAL);
        start(Optional.empty());
        for (int i = 0; i <= 200; i++) {
            modem.send(TO, "text " + i, outcomes::add);
        }
        run(Duration.ofSeconds(40));

        assertThat(outcomes).containsExactly(
                new SmsOutcome(false, "given up unsent: 200 texts waiting for the modem", 0, true));
        assertThat(twin.sent()).isEmpty();

        twin.setFault(EmulatedModem.Fault.NONE);
        run(Duration.ofMinutes(15)); // the emulated network takes each text in about two seconds

        assertThat(twin.sent()).extracting(EmulatedModem.SentSms::text).hasSize(200)
                .startsWith("text 1", "text 2").endsWith("text 200");
        assertThat(outcomes).hasSize(201);
        assertThat(outcomes.subList(1, 201)).allSatisfy(o -> assertThat(o.sent()).isTrue());
    }

    @Test
    void a_network_refusing_the_sms_is_tried_three_times_then_given_up() {
        twin.setFault(EmulatedModem.Fault.SMS_ERROR);
        start(Optional.empty());
        modem.send(TO, "FIRE", outcomes::add);
        run(Duration.ofMinutes(1));

        assertThat(outcomes).containsExactly(new SmsOutcome(false, "+CMS ERROR: 500", 1, false),
                new SmsOutcome(false, "+CMS ERROR: 500", 2, false), new SmsOutcome(false, "+CMS ERROR: 500", 3, true));
        assertThat(twin.sent()).isEmpty();
    }

    @Test
    void a_text_refused_for_want_of_network_waits_for_the_network_instead_of_being_given_up() {
        start(Optional.empty());
        run(Duration.ofSeconds(2));
        twin.setFault(EmulatedModem.Fault.NO_SIGNAL); // the network goes before the modem's next check
        modem.send(TO, "FIRE", outcomes::add);
        run(Duration.ofMinutes(5));

        assertThat(outcomes).containsExactly(new SmsOutcome(false, "+CMS ERROR: 331", 1, false));
        assertThat(lastHealth()).startsWith("TROUBLE: no network");

        twin.setFault(EmulatedModem.Fault.NONE);
        run(CellularModem.SUPERVISE_EVERY.plusSeconds(5));
        assertThat(outcomes).last().isEqualTo(new SmsOutcome(true, "+CMGS: 1", 2, true));
        assertThat(twin.sent()).extracting(EmulatedModem.SentSms::text).containsExactly("FIRE");
    }

    @Test
    void a_sim_pulled_after_set_up_fails_the_text_raises_a_trouble_and_the_text_goes_once_it_is_back() {
        start(Optional.empty());
        run(Duration.ofSeconds(2));
        twin.setFault(EmulatedModem.Fault.SIM_MISSING);
        modem.send(TO, "FIRE", outcomes::add);
        run(Duration.ofSeconds(20));

        assertThat(outcomes).first().isEqualTo(new SmsOutcome(false, "+CMS ERROR: 310", 1, false));
        assertThat(lastHealth()).isEqualTo("TROUBLE: no SIM ready: +CME ERROR: SIM not inserted");

        twin.setFault(EmulatedModem.Fault.NONE);
        run(CellularModem.SUPERVISE_EVERY.plusSeconds(5));
        assertThat(outcomes).last().satisfies(o -> assertThat(o.sent()).isTrue());
        assertThat(lastHealth()).startsWith("ok");
    }

    @Test
    void a_modem_that_hangs_is_a_trouble_within_the_command_timeout_and_is_opened_again() {
        start(Optional.empty());
        run(Duration.ofSeconds(2));
        twin.setFault(EmulatedModem.Fault.HANG);
        run(CellularModem.SUPERVISE_EVERY.plus(CellularModem.COMMAND_TIMEOUT));

        assertThat(lastHealth()).isEqualTo("TROUBLE: modem not answering: AT+CPIN?: no answer within 5000 ms");

        twin.setFault(EmulatedModem.Fault.NONE);
        modem.send(TO, "after the hang", outcomes::add);
        run(CellularModem.SUPERVISE_EVERY.plusSeconds(10));
        assertThat(lastHealth()).startsWith("ok");
        assertThat(twin.sent()).extracting(EmulatedModem.SentSms::text).containsExactly("after the hang");
    }

    @Test
    void a_modem_gone_from_usb_is_a_trouble_and_is_opened_again_when_it_is_back() {
        start(Optional.empty());
        run(Duration.ofSeconds(2));
        twin.setFault(EmulatedModem.Fault.GONE);
        run(Duration.ofSeconds(1));
        assertThat(lastHealth()).isEqualTo("TROUBLE: modem not answering: /dev/ttyUSB2 disconnected");
        run(CellularModem.SUPERVISE_EVERY);
        assertThat(lastHealth()).isEqualTo(
                "TROUBLE: modem gone: /dev/ttyUSB2: no such device (the modem is gone from USB)");

        twin.setFault(EmulatedModem.Fault.NONE);
        run(CellularModem.SUPERVISE_EVERY);
        assertThat(lastHealth()).startsWith("ok");
    }

    @Test
    void an_sms_that_arrives_is_read_handed_on_and_deleted() {
        start(Optional.empty());
        run(Duration.ofSeconds(2));
        twin.receive("+821055500102", "ACK a1b2c3d4-7");
        run(Duration.ofSeconds(1));

        assertThat(incoming).singleElement().satisfies(sms -> {
            assertThat(sms.from()).isEqualTo("+821055500102");
            assertThat(sms.text()).isEqualTo("ACK a1b2c3d4-7");
        });
        assertThat(twin.stored()).isZero();
    }

    @Test
    void sms_that_came_while_the_gateway_was_not_listening_are_read_at_set_up() {
        twin.receive("+821055500102", "STATUS");
        twin.receive("+821055500101", "ACK *");
        start(Optional.empty());
        run(Duration.ofSeconds(3));

        assertThat(incoming).extracting(IncomingSms::text).containsExactly("STATUS", "ACK *");
        assertThat(twin.stored()).isZero();
    }
}
