package io.ductwatch.gateway.uplink.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.core.Quality;
import io.ductwatch.gateway.core.Quantity;
import io.ductwatch.gateway.core.Reading;
import io.ductwatch.gateway.payload.GatewayStatus;
import io.ductwatch.gateway.uplink.sparkplug.EdgeNodeModel.Outgoing;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.junit.jupiter.api.Test;

/** The edge node's payloads from the gateway's state: births, report by exception, history, deaths. */
class EdgeNodeModelTest {

    private static final Path SITE = Path.of(System.getProperty("basedir", "."))
            .resolve("../firmware-config/sites/example-duct-sparkplug.yaml").normalize();
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private final SiteConfig site = site();
    private final EdgeNodeModel model = new EdgeNodeModel(site, new SparkplugTopics("ductwatch", "gw01"));

    private static Map<Long, Metric> byAlias(List<Outgoing> births) {
        Map<Long, Metric> aliases = new HashMap<>();
        births.forEach(o -> o.payload().getMetrics().forEach(m -> assertThat(aliases.put(m.getAlias(), m))
                .as("alias %d of %s used once", m.getAlias(), m.getName()).isNull()));
        return aliases;
    }

    static SiteConfig site() {
        try {
            return SiteLoader.load(SITE);
        } catch (io.ductwatch.config.InvalidConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void births_name_every_metric_with_a_unique_alias_a_fixed_type_and_every_sensor_of_its_zone() {
        List<Outgoing> births = model.births(7, T0);

        assertThat(births).extracting(Outgoing::topic).containsExactly("spBv1.0/ductwatch/NBIRTH/gw01",
                "spBv1.0/ductwatch/DBIRTH/gw01/Z1", "spBv1.0/ductwatch/DBIRTH/gw01/Z2");
        Map<Long, Metric> aliases = byAlias(births);
        assertThat(aliases.values()).allSatisfy(m -> assertThat(m.getName()).isNotBlank());
        Metric bdSeq = births.get(0).payload().getMetrics().get(0);
        assertThat(bdSeq.getName()).isEqualTo("bdSeq");
        assertThat(bdSeq.getValue()).isEqualTo(7L);
        assertThat(bdSeq.getDataType()).isEqualTo(MetricDataType.Int64);
        Set<String> z2 = new HashSet<>();
        births.get(2).payload().getMetrics().forEach(m -> z2.add(m.getName()));
        site.sensors().stream().filter(s -> s.zone().equals("Z2")).forEach(s ->
                assertThat(z2).as(s.id()).contains(EdgeNodeModel.qualityMetric(s.id())));
        assertThat(z2).contains("Sensors/t12/Temperature", "Sensors/s2/Obscuration", "Sensors/lvl1/Water level",
                "Sensors/w1/Active", "Alarm/FIRE", "Alarm/PRE_ALARM", "Fire/Position M", "Commands/Acknowledge",
                "Commands/Reset");
    }

    @Test
    void data_carries_only_what_changed_by_alias_and_a_fault_as_null_with_its_quality() {
        Map<Long, Metric> born = byAlias(model.births(0, T0));
        assertThat(model.changes(T0)).isEmpty();

        model.readings(List.of(Reading.ok("t13", Quantity.TEMPERATURE, 22, T0)));
        model.changes(T0);
        model.readings(List.of(Reading.ok("t12", Quantity.TEMPERATURE, 21.5, T0),
                Reading.fault("t13", Quantity.TEMPERATURE, Quality.CRC_ERROR, T0, "crc")));
        List<Outgoing> changes = model.changes(T0.plusSeconds(1));

        assertThat(changes).extracting(Outgoing::topic).containsExactly("spBv1.0/ductwatch/DDATA/gw01/Z2");
        List<Metric> metrics = changes.get(0).payload().getMetrics();
        assertThat(metrics).allSatisfy(m -> assertThat(m.hasName()).isFalse());
        Map<String, Object> values = new HashMap<>();
        metrics.forEach(m -> {
            assertThat(m.getDataType()).isEqualTo(born.get(m.getAlias()).getDataType());
            values.put(born.get(m.getAlias()).getName(), m.getValue());
        });
        assertThat(values).containsEntry("Sensors/t12/Temperature", 21.5).containsEntry("Sensors/t12/Quality", "OK")
                .containsEntry("Sensors/t13/Temperature", null).containsEntry("Sensors/t13/Quality", "CRC_ERROR");

        model.readings(List.of(Reading.ok("t12", Quantity.TEMPERATURE, 21.5, T0.plusSeconds(1))));
        assertThat(model.changes(T0.plusSeconds(2))).as("the same value again is no change").isEmpty();
    }

    @Test
    void a_quantity_the_site_did_not_imply_grows_the_model_for_a_rebirth() {
        model.births(0, T0);
        assertThat(model.grown()).isFalse();

        model.readings(List.of(Reading.ok("cab", Quantity.HUMIDITY, 40, T0)));
        assertThat(model.grown()).as("a climate sensor's humidity is born with it").isFalse();
        model.readings(List.of(Reading.ok("t12", Quantity.HUMIDITY, 80, T0)));

        assertThat(model.grown()).isTrue();
        assertThat(model.births(0, T0).get(2).payload().getMetrics()).extracting(Metric::getName)
                .contains("Sensors/t12/Humidity");
        assertThat(model.grown()).isFalse();
    }

    @Test
    void history_goes_out_per_zone_as_historical_metrics_with_the_time_they_were_read() {
        model.births(0, T0);
        Instant then = T0.minusSeconds(600);
        List<Outgoing> past = model.historical(List.of(Reading.ok("t12", Quantity.TEMPERATURE, 25, then),
                Reading.ok("t01", Quantity.TEMPERATURE, 18, then)));

        assertThat(past).extracting(Outgoing::topic).containsExactly("spBv1.0/ductwatch/DDATA/gw01/Z2",
                "spBv1.0/ductwatch/DDATA/gw01/Z1");
        assertThat(past).allSatisfy(o -> {
            assertThat(o.payload().getTimestamp().toInstant()).isEqualTo(then);
            assertThat(o.payload().getMetrics()).allSatisfy(m -> {
                assertThat(m.isHistorical()).isTrue();
                assertThat(m.getTimestamp().toInstant()).isEqualTo(then);
            });
        });
        assertThat(model.changes(T0)).as("history is not the current value").isEmpty();
    }

    @Test
    void the_node_reports_the_gateway_status_and_the_death_carries_the_bdseq_without_a_seq() {
        model.births(3, T0);
        model.status(new GatewayStatus(true, T0, T0, "1.2.3", "lost", 42, T0.minusSeconds(60), 29, 2, 999, false),
                "boot-x", 5);
        Map<Long, Metric> born = byAlias(model.births(3, T0));
        Map<String, Object> values = new HashMap<>();
        born.values().forEach(m -> values.put(m.getName(), m.getValue()));
        assertThat(values).containsEntry("Gateway/Uplink", "lost").containsEntry("Gateway/Buffer Pending", 42L)
                .containsEntry("Gateway/Last Seq", 999L).containsEntry("Gateway/Sensors Faulty", 2)
                .containsEntry("Gateway/Version", "1.2.3").containsEntry("Gateway/Boot Id", "boot-x")
                .containsEntry("Gateway/History Dropped", 5L).containsEntry("Gateway/Time Synced", false);

        Outgoing death = model.death(3, T0);
        assertThat(death.sequenced()).isFalse();
        assertThat(death.topic()).isEqualTo("spBv1.0/ductwatch/NDEATH/gw01");
        assertThat(death.payload().getMetrics()).singleElement().satisfies(m -> {
            assertThat(m.getName()).isEqualTo("bdSeq");
            assertThat(m.getValue()).isEqualTo(3L);
        });
    }
}
