package io.ductwatch.gateway.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmEventKind;
import io.ductwatch.gateway.core.AlarmType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsTextsTest {

    private final SmsTexts texts = new SmsTexts("example-duct/gw01");

    @Test
    void an_alarm_names_site_type_zone_position_and_time_and_how_to_acknowledge_it() {
        AlarmEvent fire = new AlarmEvent("8638dc52-4", AlarmType.FIRE, AlarmEventKind.RAISED, "Z2", 140.74,
                List.of("s2", "t14"), 17.1, "%/m", "smoke 17.1 %/m at s2; 58.2 °C at t14", false,
                Instant.parse("2026-12-02T11:06:04.512Z"));

        assertThat(texts.alarm(fire)).isEqualTo("ductwatch example-duct/gw01 FIRE RAISED Z2 @140.7m"
                + " 2026-12-02 11:06:04Z: smoke 17.1 %/m at s2; 58.2 C at t14. ACK 8638dc52-4");
    }

    @Test
    void a_long_text_is_cut_to_one_sms_keeping_the_ack_line() {
        AlarmEvent trouble = new AlarmEvent("8638dc52-9", AlarmType.TROUBLE, AlarmEventKind.RAISED, "", Double.NaN,
                List.of(), Double.NaN, "", "uplink down for 330 s; ".repeat(20), false, Instant.parse("2026-12-02T11:06:04Z"));

        String text = texts.alarm(trouble);
        assertThat(text).hasSize(SmsTexts.MAX_LENGTH).endsWith("... ACK 8638dc52-9")
                .startsWith("ductwatch example-duct/gw01 TROUBLE RAISED 2026-12-02 11:06:04Z: uplink down");
    }

    @Test
    void keeps_to_characters_the_gsm_alphabet_holds_in_one() {
        assertThat(SmsTexts.clean("[t07] {x} a\\b|c ^~ 58 °C\nnext \u001a ü")).isEqualTo("(t07) (x) a/b/c '' 58 C next ? ?");
    }
}
