package io.ductwatch.simulator.pi4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.sensor.HardwareScan;
import io.ductwatch.gateway.sensor.HardwareScan.Entry;
import io.ductwatch.gateway.sensor.HardwareScan.Status;
import io.ductwatch.simulator.ManualClock;
import io.ductwatch.simulator.device.Bme280Chip;
import io.ductwatch.simulator.device.ChipFault;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code scan} on the example site's emulated hardware, as an installer commissioning it would see it. */
class HardwareScanOnSimulatorTest {

    private SiteConfig site;
    private SimulatedHardware hardware;

    @BeforeEach
    void open() throws Exception {
        site = SiteLoader.load(SiteHardwareOnSimulatorTest.EXAMPLE);
        hardware = SimulatedHardware.of(site, new ManualClock(Instant.parse("2026-11-27T08:00:00Z")));
    }

    @AfterEach
    void close() {
        hardware.close();
    }

    @Test
    void complete_hardware_matches_the_site_file() {
        List<Entry> entries = HardwareScan.scan(site, hardware.context(), hardware.w1());

        assertThat(HardwareScan.matches(entries)).as(entries.toString()).isTrue();
        assertThat(entries).filteredOn(e -> e.bus().equals("1-Wire")).hasSize(21);
        assertThat(entries).filteredOn(e -> e.bus().equals("i2c-1")).extracting(Entry::address, Entry::found)
                .contains(org.assertj.core.groups.Tuple.tuple("0x44", "SHT31"),
                        org.assertj.core.groups.Tuple.tuple("0x48", "ADS1115"),
                        org.assertj.core.groups.Tuple.tuple("0x4a", "ADS1115"));
    }

    @Test
    void a_replaced_sensor_shows_as_missing_and_unknown_and_a_stray_chip_as_unknown() {
        hardware.setFault("t07", ChipFault.DISCONNECT);
        hardware.w1().add("28-0000feedbeef");
        hardware.board().i2c().place(1, 0x77, new Bme280Chip());
        hardware.setFault("cab", ChipFault.NACK);

        List<Entry> entries = HardwareScan.scan(site, hardware.context(), hardware.w1());

        assertThat(HardwareScan.matches(entries)).isFalse();
        assertThat(entries).contains(
                new Entry("1-Wire", "28-01193a0c5f07", "t07 at 70.0 m", "", Status.MISSING),
                new Entry("1-Wire", "28-0000feedbeef", "", "DS18B20", Status.UNKNOWN),
                new Entry("i2c-1", "0x77", "", "BME280", Status.UNKNOWN),
                new Entry("i2c-1", "0x44", "SHT31 for cab", "", Status.MISSING));
    }

    @Test
    void a_different_chip_at_an_expected_address_is_named() {
        hardware.board().i2c().place(1, 0x44, new Bme280Chip());

        List<Entry> entries = HardwareScan.scan(site, hardware.context(), hardware.w1());

        assertThat(entries).filteredOn(e -> e.address().equals("0x44")).singleElement()
                .isEqualTo(new Entry("i2c-1", "0x44", "SHT31 for cab", "unknown chip (no valid SHT3x status)",
                        Status.WRONG_CHIP));
    }
}
