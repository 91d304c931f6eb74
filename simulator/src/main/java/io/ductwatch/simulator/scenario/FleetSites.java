package io.ductwatch.simulator.scenario;

import io.ductwatch.config.SensorConfig;
import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.UplinkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A row of gateways along one long duct, each wired like the base site on the next section: gateway
 * {@code gw01} watches the base site's stretch, {@code gw02} the same length after it ({@code duct.startM}
 * moved on), and so on, with their own MQTT client ids and CoAP on free ports; the fallback modem and the
 * Sparkplug node of the base site are left out (one modem per fleet run would be a fiction). The whole duct,
 * as the physics sees it, holds every gateway's sensors, each named {@code gwNN.ID}.
 */
final class FleetSites {

    private FleetSites() {
    }

    static String gatewayId(int index) {
        return String.format(Locale.ROOT, "gw%02d", index + 1);
    }

    /** The sites of {@code count} consecutive sections, the first where the base site is. */
    static List<SiteConfig> sections(SiteConfig base, int count) {
        List<SiteConfig> sites = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SiteConfig moved = base.startingAt(base.duct().startM() + i * base.duct().lengthM());
            String id = gatewayId(i);
            UplinkConfig u = moved.uplink();
            sites.add(new SiteConfig(moved.source(), moved.site(),
                    new SiteConfig.Gateway(id, moved.gateway().oneWirePin(), moved.gateway().oneWireDevicesPath()),
                    moved.duct(), moved.zones(), moved.sensors(), moved.rules(), moved.outputs(),
                    new UplinkConfig(u.brokers(), "ductwatch-" + moved.site().id() + "-" + id, u.keepalive(), u.tls(),
                            u.credentialsFile(), u.operators(), u.replayPerS()),
                    moved.store(), moved.coap(), moved.watchdog(), Optional.empty(), Optional.empty())
                    .withCoapPorts(0, 0));
        }
        return List.copyOf(sites);
    }

    /** The whole duct the sections make, for the physics: every sensor of every section, as {@code gwNN.ID}. */
    static SiteConfig wholeDuct(List<SiteConfig> sections) {
        SiteConfig first = sections.get(0);
        SiteConfig last = sections.get(sections.size() - 1);
        List<SensorConfig> sensors = new ArrayList<>();
        List<SiteConfig.Zone> zones = new ArrayList<>();
        for (SiteConfig section : sections) {
            String prefix = section.gateway().id() + ".";
            section.sensors().forEach(s -> sensors.add(new SensorConfig(prefix + s.id(), s.kind(), s.name(),
                    s.positionM(), prefix + s.zone(), s.heatPreset(), s.wiring())));
            section.zones().forEach(z -> zones.add(new SiteConfig.Zone(prefix + z.id(), z.name(), z.fromM(), z.toM())));
        }
        SiteConfig.Duct duct = first.duct();
        return new SiteConfig(first.source(), first.site(), first.gateway(),
                new SiteConfig.Duct(duct.startM(), last.duct().endM() - duct.startM(), duct.heightM(), duct.widthM(),
                        duct.airflowMs()),
                zones, sensors, first.rules(), List.of(), first.uplink(), first.store(), first.coap(), first.watchdog(),
                Optional.empty(), Optional.empty());
    }
}
