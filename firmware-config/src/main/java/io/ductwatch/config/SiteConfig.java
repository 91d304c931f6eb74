package io.ductwatch.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A whole site file after validation (DESIGN 2.4): everything here has passed every check of
 * {@link SiteLoader}, so the gateway can use it without checking again.
 *
 * @param source   the file it was read from
 * @param fallback  the cellular modem and the recipients of alarm SMS, if the site has them
 * @param sparkplug the Sparkplug B edge node, if the site enables it
 */
public record SiteConfig(Path source, Site site, Gateway gateway, Duct duct, List<Zone> zones,
                         List<SensorConfig> sensors, RulesConfig rules, List<OutputConfig> outputs,
                         UplinkConfig uplink, StoreConfig store, CoapConfig coap, WatchdogConfig watchdog,
                         Optional<FallbackConfig> fallback, Optional<SparkplugConfig> sparkplug) {

    public SiteConfig {
        zones = List.copyOf(zones);
        sensors = List.copyOf(sensors);
        outputs = List.copyOf(outputs);
    }

    public Optional<SensorConfig> sensor(String id) {
        return sensors.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Zone> zone(String id) {
        return zones.stream().filter(z -> z.id().equals(id)).findFirst();
    }

    /** The same site with its CoAP API on other ports (0 picks free ones): tests, the simulator's --coap-port. */
    public SiteConfig withCoapPorts(int port, int securePort) {
        return new SiteConfig(source, site, gateway, duct, zones, sensors, rules, outputs, uplink, store,
                new CoapConfig(coap.bind(), port, securePort, coap.openReads(), coap.pskFile()), watchdog, fallback,
                sparkplug);
    }

    /**
     * The same site moved along a longer duct so that its section starts at {@code startM}: the duct, every
     * zone and every sensor shifted by the same distance (a row of gateways wired alike, one per section).
     */
    public SiteConfig startingAt(double startM) {
        double by = startM - duct.startM();
        return new SiteConfig(source, site, gateway,
                new Duct(startM, duct.lengthM(), duct.heightM(), duct.widthM(), duct.airflowMs()),
                zones.stream().map(z -> new Zone(z.id(), z.name(), z.fromM() + by, z.toM() + by)).toList(),
                sensors.stream().map(s -> new SensorConfig(s.id(), s.kind(), s.name(), s.positionM() + by, s.zone(),
                        s.heatPreset(), s.wiring())).toList(),
                rules, outputs, uplink, store, coap, watchdog, fallback, sparkplug);
    }

    /** {@code site.id} and {@code site.name}. */
    public record Site(String id, String name) {
    }

    /**
     * This gateway.
     *
     * @param oneWirePin        GPIO of the w1-gpio overlay
     * @param oneWireDevicesPath folder of the w1 devices ({@code /sys/bus/w1/devices})
     */
    public record Gateway(String id, int oneWirePin, Path oneWireDevicesPath) {
    }

    /**
     * The duct section, in metres and metres per second; chainage runs from {@code startM} to
     * {@code startM + lengthM} (absolute chainages along a duct that several gateways may share), and the
     * air flows towards increasing chainage.
     */
    public record Duct(double startM, double lengthM, double heightM, double widthM, double airflowMs) {

        /** The chainage of the section's last metre. */
        public double endM() {
            return startM + lengthM;
        }

        /** Whether a chainage lies in this section, ends included. */
        public boolean contains(double positionM) {
            return positionM >= startM && positionM <= endM();
        }
    }

    /** A zone from {@code fromM} to {@code toM} inclusive. */
    public record Zone(String id, String name, double fromM, double toM) {

        public boolean contains(double positionM) {
            return positionM >= fromM && positionM <= toM;
        }
    }
}
