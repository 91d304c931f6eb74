package io.ductwatch.gateway.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Conversions checked against the values the datasheets themselves give. */
class DatasheetValuesTest {

    @Test
    void sht3x_crc_of_beef_is_0x92() {
        // SHT3x-DIS datasheet, section 4.12, Table 19: CRC example 0xBEEF -> 0x92.
        assertThat(Crc8.sensirion(new byte[] {(byte) 0xBE, (byte) 0xEF}, 0, 2)).isEqualTo(0x92);
    }

    @Test
    void sht3x_conversion_spans_its_range() {
        // Section 4.13: S_T 0 is -45 °C and 2^16-1 is 130 °C; S_RH 0 is 0 % and 2^16-1 is 100 %.
        assertThat(Sht31Driver.temperatureC(0)).isEqualTo(-45.0);
        assertThat(Sht31Driver.temperatureC(0xFFFF)).isEqualTo(130.0);
        assertThat(Sht31Driver.temperatureC(0x6666)).isCloseTo(25.0, within(0.001));
        assertThat(Sht31Driver.humidityPct(0)).isEqualTo(0.0);
        assertThat(Sht31Driver.humidityPct(0xFFFF)).isEqualTo(100.0);
    }

    @Test
    void ads1115_lsb_per_pga_setting() {
        // ADS1115 datasheet, section 9.3.3, Table 3: full-scale range and LSB size.
        assertThat(Ads1115.Gain.FS_6_144V.lsbV()).isCloseTo(187.5e-6, within(1e-12));
        assertThat(Ads1115.Gain.FS_4_096V.lsbV()).isCloseTo(125e-6, within(1e-12));
        assertThat(Ads1115.Gain.FS_2_048V.lsbV()).isCloseTo(62.5e-6, within(1e-12));
        assertThat(Ads1115.Gain.FS_1_024V.lsbV()).isCloseTo(31.25e-6, within(1e-12));
        assertThat(Ads1115.Gain.FS_0_512V.lsbV()).isCloseTo(15.625e-6, within(1e-12));
        assertThat(Ads1115.Gain.FS_0_256V.lsbV()).isCloseTo(7.8125e-6, within(1e-12));
    }

    @Test
    void ads1115_config_word_for_single_shot_single_ended() {
        // Section 9.6.3: OS=1, MUX=100+ch, PGA, MODE=1, DR=111 (860 SPS), comparator disabled (11).
        assertThat(Ads1115.singleShotConfig(0, Ads1115.Gain.FS_4_096V)).isEqualTo(0xC3E3);
        assertThat(Ads1115.singleShotConfig(3, Ads1115.Gain.FS_4_096V)).isEqualTo(0xF3E3);
        assertThat(Ads1115.singleShotConfig(1, Ads1115.Gain.FS_2_048V)).isEqualTo(0xD5E3);
    }

    @Test
    void ads1115_two_complement_extremes() {
        assertThat(Ads1115.volts((short) 0x7FFF, Ads1115.Gain.FS_4_096V)).isCloseTo(4.096 - 125e-6, within(1e-9));
        assertThat(Ads1115.volts((short) 0x8000, Ads1115.Gain.FS_4_096V)).isCloseTo(-4.096, within(1e-9));
    }

    @Test
    void gain_is_the_finest_range_that_holds_the_voltage() {
        assertThat(Ads1115.Gain.covering(3.3)).isEqualTo(Ads1115.Gain.FS_4_096V);
        assertThat(Ads1115.Gain.covering(2.0)).isEqualTo(Ads1115.Gain.FS_2_048V);
        assertThat(Ads1115.Gain.covering(5.0)).isEqualTo(Ads1115.Gain.FS_6_144V);
        assertThat(new LoopScale(150, 0, 25).gain()).isEqualTo(Ads1115.Gain.FS_4_096V);
        assertThat(new LoopScale(50, 0, 25).gain()).isEqualTo(Ads1115.Gain.FS_2_048V);
    }

    @Test
    void bme280_compensation_matches_the_bosch_worked_example() {
        // Bosch's worked example for the temperature and pressure formulas the BME280 shares with the
        // BMP280 (BMP280 datasheet, section 3.12, example trimming values): adc_T 519888 -> t_fine 128422,
        // 25.08 °C; adc_P 415148 -> 100653.27 Pa in the floating-point formula. The 64-bit integer
        // formula used here resolves 1/256 Pa and rounds differently by a few hundredths.
        Bme280Calibration c = new Bme280Calibration(27504, 26435, -1000,
                36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
                75, 362, 0, 313, 50, 30);

        assertThat(c.tFine(519888)).isEqualTo(128422);
        assertThat(c.temperatureC(519888)).isEqualTo(25.08);
        assertThat(c.pressurePa(415148, 128422)).isCloseTo(100653.27, within(0.03));
    }

    @Test
    void bme280_calibration_survives_its_register_layout() {
        Bme280Calibration c = new Bme280Calibration(27504, 26435, -1000,
                36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
                75, 362, 0, -313, -50, -30);
        byte[][] registers = c.toRegisters();

        assertThat(Bme280Calibration.parse(registers[0], registers[1])).isEqualTo(c);
    }

    @Test
    void bme280_humidity_is_clamped_to_0_and_100_percent() {
        Bme280Calibration c = new Bme280Calibration(27504, 26435, -1000,
                36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
                75, 362, 0, 313, 50, 30);
        assertThat(c.humidityPct(0, 128422)).isEqualTo(0.0);
        assertThat(c.humidityPct(0xFFFF, 128422)).isEqualTo(100.0);
        assertThat(c.humidityPct(30000, 128422)).isBetween(0.0, 100.0);
    }
}
