package io.ductwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class W1SlaveTest {

    @Test
    void reads_the_temperature_after_a_good_crc() {
        W1Slave slave = W1Slave.parse("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n");
        assertThat(slave.verdict()).isEqualTo(W1Slave.Verdict.OK);
        assertThat(slave.milliC()).hasValue(23125);
    }

    @Test
    void ignores_the_stale_value_after_a_bad_crc() {
        W1Slave slave = W1Slave.parse("72 01 4b 46 7f ff 0e 10 00 : crc=57 NO\n50 05 4b 46 7f ff 0c 10 1c t=85000\n");
        assertThat(slave.verdict()).isEqualTo(W1Slave.Verdict.CRC_MISMATCH);
        assertThat(slave.milliC()).isEmpty();
    }

    @Test
    void negative_temperatures_and_empty_or_garbled_files() {
        assertThat(W1Slave.parse("5e ff 4b 46 7f ff 02 10 d8 : crc=d8 YES\n5e ff 4b 46 7f ff 02 10 d8 t=-10125\n")
                .milliC()).hasValue(-10125);
        assertThat(W1Slave.parse("").verdict()).isEqualTo(W1Slave.Verdict.EMPTY);
        assertThat(W1Slave.parse("garbage").verdict()).isEqualTo(W1Slave.Verdict.MALFORMED);
        assertThat(W1Slave.parse("00 : crc=00 YES\nno temperature here\n").verdict())
                .isEqualTo(W1Slave.Verdict.MALFORMED);
    }
}
