package io.ductwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ductwatch.config.SensorConfig.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sites shipped in firmware-config/sites load, and the example is the duct DESIGN 2.4 describes. */
class ShippedSitesTest {

    private static final Path EXAMPLE = ModulePaths.sites().resolve("example-duct.yaml");

    @Test
    void example_duct_is_valid_on_a_fresh_clone() {
        assertThatCode(() -> SiteLoader.load(EXAMPLE)).doesNotThrowAnyException();
    }

    @Test
    void sparkplug_example_is_the_example_duct_with_an_edge_node() throws Exception {
        SiteConfig plain = SiteLoader.load(EXAMPLE);
        SiteConfig sparkplug = SiteLoader.load(ModulePaths.sites().resolve("example-duct-sparkplug.yaml"));

        assertThat(sparkplug.sparkplug()).hasValueSatisfying(node -> {
            assertThat(node.groupId()).isEqualTo("ductwatch");
            assertThat(node.edgeNodeId()).isEqualTo("gw01");
            assertThat(node.clientId()).isEqualTo(plain.uplink().clientId() + "-sparkplug");
            assertThat(node.operator()).contains("scada");
            assertThat(node.primaryHost()).isEmpty();
            assertThat(node.historyMinutes()).isEqualTo(60);
        });
        assertThat(plain.sparkplug()).isEmpty();
        assertThat(sparkplug.zones()).isEqualTo(plain.zones());
        assertThat(sparkplug.sensors()).isEqualTo(plain.sensors());
    }

    @Test
    void small_vault_site_is_valid() throws Exception {
        SiteConfig vault = SiteLoader.load(ModulePaths.sites().resolve("vault-50m.yaml"));
        assertThat(vault.zones()).hasSize(1);
        assertThat(vault.duct().lengthM()).isEqualTo(50.0);
        assertThat(vault.duct().airflowMs()).isZero();
    }

    @Test
    void tls_example_is_valid_once_its_secrets_exist_with_safe_permissions(@TempDir Path dir) throws Exception {
        Path site = Files.copy(ModulePaths.sites().resolve("example-duct-tls.yaml"), dir.resolve("site.yaml"));
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        for (String name : List.of("ca.pem", "gateway.pem", "gateway.key", "mqtt-credentials", "coap-psk",
                "modem.pin")) {
            Path file = Files.writeString(secrets.resolve(name), "placeholder\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }

        SiteConfig config = SiteLoader.load(site);

        assertThat(config.uplink().tls()).hasValueSatisfying(tls -> {
            assertThat(tls.caFile()).isEqualTo(secrets.resolve("ca.pem"));
            assertThat(tls.keyFile()).contains(secrets.resolve("gateway.key"));
        });
        assertThat(config.uplink().credentialsFile()).contains(secrets.resolve("mqtt-credentials"));
        assertThat(config.coap().pskFile()).contains(secrets.resolve("coap-psk"));
        assertThat(config.uplink().brokers()).hasSize(2);
        assertThat(config.fallback()).hasValueSatisfying(f -> {
            assertThat(f.modem().pinFile()).contains(secrets.resolve("modem.pin"));
            assertThat(f.modem().baud()).isEqualTo(115200);
            assertThat(f.recipients()).extracting(FallbackConfig.Recipient::id).containsExactly("noc");
        });
    }

    @Test
    void example_heat_chain_is_t00_to_t20_every_ten_metres() throws Exception {
        SiteConfig site = SiteLoader.load(EXAMPLE);
        List<SensorConfig> heat = site.sensors().stream().filter(s -> s.kind() == Kind.HEAT).toList();

        assertThat(heat).extracting(SensorConfig::id)
                .containsExactlyElementsOf(IntStream.rangeClosed(0, 20).mapToObj(i -> String.format("t%02d", i)).toList());
        assertThat(heat).allSatisfy(s -> {
            int index = Integer.parseInt(s.id().substring(1));
            assertThat(s.positionM()).isEqualTo(index * 10.0);
            assertThat(s.wiring()).isInstanceOfSatisfying(SensorConfig.OneWire.class,
                    w -> assertThat(w.romId()).startsWith("28-"));
            assertThat(s.zone()).isEqualTo(s.positionM() < 100 ? "Z1" : "Z2");
        });
    }

    @Test
    void example_has_the_design_sensors_at_their_positions() throws Exception {
        SiteConfig site = SiteLoader.load(EXAMPLE);

        assertPosition(site, "s0", Kind.SMOKE, 25);
        assertPosition(site, "s1", Kind.SMOKE, 75);
        assertPosition(site, "s2", Kind.SMOKE, 125);
        assertPosition(site, "s3", Kind.SMOKE, 175);
        assertPosition(site, "co0", Kind.CO, 100);
        assertPosition(site, "lvl0", Kind.WATER_LEVEL, 60);
        assertPosition(site, "lvl1", Kind.WATER_LEVEL, 140);
        assertPosition(site, "w0", Kind.WATER_SWITCH, 60);
        assertPosition(site, "w1", Kind.WATER_SWITCH, 140);
        assertPosition(site, "door", Kind.DOOR, 0);
        assertPosition(site, "mcp0", Kind.CALL_POINT, 0);
        assertPosition(site, "mains", Kind.MAINS, 0);
        assertPosition(site, "battery", Kind.BATTERY, 0);
        assertPosition(site, "cab", Kind.CLIMATE, 0);

        assertThat(site.sensor("s0").orElseThrow().wiring()).isInstanceOf(SensorConfig.Loop.class);
        assertThat(site.sensor("w0").orElseThrow().wiring()).isInstanceOf(SensorConfig.Supervised.class);
        assertThat(site.sensor("cab").orElseThrow().wiring()).isInstanceOfSatisfying(SensorConfig.I2cChip.class,
                chip -> assertThat(chip.chip()).isEqualTo(SensorConfig.I2cChip.Chip.SHT31));
        assertThat(site.sensor("mcp0").orElseThrow().wiring()).isInstanceOf(SensorConfig.Gpio.class);
    }

    @Test
    void example_duct_zones_outputs_and_uplink_follow_the_design() throws Exception {
        SiteConfig site = SiteLoader.load(EXAMPLE);

        assertThat(site.duct()).isEqualTo(new SiteConfig.Duct(0, 200, 2.5, 2.0, 0.5));
        assertThat(site.zones()).extracting(SiteConfig.Zone::id, SiteConfig.Zone::fromM, SiteConfig.Zone::toM)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Z1", 0.0, 100.0),
                        org.assertj.core.groups.Tuple.tuple("Z2", 100.0, 200.0));
        assertThat(site.outputs()).extracting(OutputConfig::id).containsExactly("siren", "panel", "fan");
        assertThat(site.uplink().brokers()).extracting(Object::toString).containsExactly("tcp://127.0.0.1:1883");
        assertThat(site.uplink().tls()).isEmpty();
        assertThat(site.uplink().credentialsFile()).isEmpty();
        assertThat(site.coap().openReads()).isTrue();
        assertThat(site.coap().pskFile()).isEmpty();
        assertThat(site.uplink().clientId()).isEqualTo("ductwatch-example-duct-gw01");
    }

    @Test
    void defaults_fill_what_the_file_leaves_out() throws Exception {
        SiteConfig site = SiteLoader.load(EXAMPLE);
        SensorConfig.OneWire t00 = (SensorConfig.OneWire) site.sensor("t00").orElseThrow().wiring();

        assertThat(t00.poll()).hasMillis(2000);
        assertThat(t00.resolutionBits()).isEqualTo(12);
        assertThat(site.rules().trouble().silent()).hasSeconds(60);
        assertThat(site.store().commitInterval()).hasMillis(1000);
        assertThat(site.store().maxBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(site.gateway().oneWirePin()).isEqualTo(4);
        assertThat(site.watchdog().enabled()).isFalse();
    }

    @Test
    void relative_store_path_resolves_against_the_site_folder(@TempDir Path dir) throws IOException, Exception {
        String text = Files.readString(ModulePaths.sites().resolve("vault-50m.yaml"))
                .replace("path: /var/lib/ductwatch/ductwatch.db", "path: data/store.db");
        Path site = Files.writeString(dir.resolve("site.yaml"), text);

        assertThat(SiteLoader.load(site).store().path()).isEqualTo(dir.resolve("data/store.db"));
    }

    private static void assertPosition(SiteConfig site, String id, Kind kind, double positionM) {
        SensorConfig sensor = site.sensor(id).orElseThrow(() -> new AssertionError("no sensor " + id));
        assertThat(sensor.kind()).as(id).isEqualTo(kind);
        assertThat(sensor.positionM()).as(id).isEqualTo(positionM);
    }
}
