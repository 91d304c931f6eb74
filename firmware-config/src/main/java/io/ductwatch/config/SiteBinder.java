package io.ductwatch.config;

import io.ductwatch.config.SensorConfig.AdcChannel;
import io.ductwatch.config.yaml.Located;
import io.ductwatch.config.yaml.Located.Mapping;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Turns a checked tree into {@link SiteConfig} records. Runs only when no problem was found. */
final class SiteBinder {

    private final Path baseDir;

    private SiteBinder(Path baseDir) {
        this.baseDir = baseDir;
    }

    static SiteConfig bind(Path source, Mapping root) {
        Path baseDir = source.toAbsolutePath().getParent();
        return new SiteBinder(baseDir).site(source, root);
    }

    private SiteConfig site(Path source, Mapping root) {
        Mapping site = root.requireMapping("site");
        Mapping gateway = root.requireMapping("gateway");
        Mapping oneWire = gateway.requireMapping("oneWire");
        Mapping duct = root.requireMapping("duct");
        SiteConfig.Site siteInfo = new SiteConfig.Site(site.requireText("id"), site.requireText("name"));
        return new SiteConfig(source,
                siteInfo,
                new SiteConfig.Gateway(gateway.requireText("id"), (int) oneWire.requireInteger("pin"),
                        Path.of(oneWire.requireText("devicesPath"))),
                new SiteConfig.Duct(duct.requireNumber("startM"), duct.requireNumber("lengthM"), duct.requireNumber("heightM"),
                        duct.requireNumber("widthM"), duct.requireNumber("airflowMs")),
                root.requireSequence("zones").mappings().stream().map(SiteBinder::zone).toList(),
                root.requireSequence("sensors").mappings().stream().map(SiteBinder::sensor).toList(),
                rules(root.requireMapping("rules")),
                root.requireSequence("outputs").mappings().stream().map(SiteBinder::output).toList(),
                uplink(root.requireMapping("uplink"), siteInfo, gateway.requireText("id")),
                store(root.requireMapping("store")),
                coap(root.requireMapping("coap")),
                watchdog(root.requireMapping("watchdog")),
                root.mapping("fallback").map(SiteBinder::fallback),
                root.mapping("sparkplug").map(s -> sparkplug(s, root.requireMapping("uplink"), siteInfo,
                        gateway.requireText("id"))));
    }

    private static SiteConfig.Zone zone(Mapping z) {
        return new SiteConfig.Zone(z.requireText("id"), z.text("name").orElse(""), z.requireNumber("fromM"),
                z.requireNumber("toM"));
    }

    private static SensorConfig sensor(Mapping s) {
        return new SensorConfig(s.requireText("id"), SensorConfig.Kind.fromYaml(s.requireText("kind")),
                s.text("name").orElse(""), s.requireNumber("positionM"), s.requireText("zone"), s.text("preset"),
                wiring(s));
    }

    private static SensorConfig.Wiring wiring(Mapping s) {
        String driver = s.requireText("driver");
        return switch (driver) {
            case "ds18b20" -> new SensorConfig.OneWire(s.requireText("romId"), (int) s.requireInteger("resolutionBits"),
                    millis(s, "pollMs"));
            case "sht31", "bme280" -> new SensorConfig.I2cChip(
                    driver.equals("sht31") ? SensorConfig.I2cChip.Chip.SHT31 : SensorConfig.I2cChip.Chip.BME280,
                    (int) s.requireInteger("bus"), (int) s.requireInteger("address"), millis(s, "pollMs"));
            case "ads1115-loop" -> new SensorConfig.Loop(adc(s), s.requireNumber("shuntOhm"), s.requireNumber("at4mA"),
                    s.requireNumber("at20mA"), optionalDouble(s.number("alarmAt")),
                    optionalDouble(s.number("clearAt")), millis(s, "pollMs"));
            case "ads1115-supervised" -> new SensorConfig.Supervised(adc(s), s.requireNumber("supplyV"),
                    s.requireNumber("seriesOhm"), s.requireNumber("eolOhm"), s.requireNumber("alarmOhm"),
                    millis(s, "debounceMs"), millis(s, "pollMs"));
            case "gpio" -> new SensorConfig.Gpio((int) s.requireInteger("pin"),
                    SensorConfig.Gpio.Pull.valueOf(s.requireText("pull").toUpperCase(java.util.Locale.ROOT)),
                    s.requireText("activeLevel").equals("high"), millis(s, "debounceMs"));
            default -> throw new IllegalStateException("driver " + driver + " passed the check but has no binding");
        };
    }

    private static AdcChannel adc(Mapping s) {
        return new AdcChannel((int) s.requireInteger("bus"), (int) s.requireInteger("address"),
                (int) s.requireInteger("channel"));
    }

    private static RulesConfig rules(Mapping r) {
        Mapping smoke = r.requireMapping("smoke");
        Mapping co = r.requireMapping("co");
        Mapping water = r.requireMapping("water");
        Mapping trouble = r.requireMapping("trouble");
        return new RulesConfig(r.requireMapping("heat").requireText("preset"),
                new RulesConfig.Threshold(smoke.requireNumber("alarmPctPerM"), smoke.requireNumber("clearPctPerM"),
                        seconds(smoke, "debounceS")),
                new RulesConfig.Threshold(co.requireNumber("alarmPpm"), co.requireNumber("clearPpm"),
                        seconds(co, "debounceS")),
                new RulesConfig.Threshold(water.requireNumber("alarmMm"), water.requireNumber("clearMm"),
                        seconds(water, "debounceS")),
                new RulesConfig.Trouble(seconds(trouble, "silentS"), seconds(trouble, "stuckS"),
                        trouble.requireNumber("storageWarnPct"), seconds(trouble, "uplinkDownS"),
                        (int) trouble.requireInteger("certificateWarnDays")));
    }

    private static OutputConfig output(Mapping o) {
        return new OutputConfig(o.requireText("id"), (int) o.requireInteger("pin"),
                o.requireText("activeLevel").equals("high"), o.requireText("failSafe").equals("active"),
                words(o.requireSequence("on")), words(o.requireSequence("inhibitOn")),
                o.sequence("zones").map(z -> List.copyOf(words(z))), o.requireBool("silenceable"));
    }

    private UplinkConfig uplink(Mapping u, SiteConfig.Site site, String gatewayId) {
        Optional<UplinkConfig.Tls> tls = u.mapping("tls").map(t -> new UplinkConfig.Tls(
                Path.of(t.requireText("caFile")), t.text("certFile").map(Path::of), t.text("keyFile").map(Path::of)));
        List<UplinkConfig.Operator> operators = u.requireSequence("operators").mappings().stream()
                .map(o -> new UplinkConfig.Operator(o.requireText("id"), words(o.requireSequence("commands"))))
                .toList();
        return new UplinkConfig(
                u.requireSequence("brokers").values().stream().map(v -> URI.create((String) v)).toList(),
                u.text("clientId").orElse(defaultClientId(site, gatewayId)),
                Duration.ofSeconds(u.requireInteger("keepaliveS")),
                tls, u.text("credentialsFile").map(Path::of), operators, (int) u.requireInteger("replayPerS"));
    }

    private StoreConfig store(Mapping s) {
        return new StoreConfig(baseDir.resolve(s.requireText("path")).normalize(),
                s.requireInteger("maxMb") * 1024L * 1024L, millis(s, "commitMs"));
    }

    private static CoapConfig coap(Mapping c) {
        return new CoapConfig(c.requireText("bind"), (int) c.requireInteger("port"),
                (int) c.requireInteger("securePort"), c.requireBool("openReads"), c.text("pskFile").map(Path::of));
    }

    private static WatchdogConfig watchdog(Mapping w) {
        return new WatchdogConfig(w.requireBool("enabled"), Path.of(w.requireText("device")),
                Duration.ofSeconds(w.requireInteger("timeoutS")));
    }

    private static FallbackConfig fallback(Mapping f) {
        Mapping modem = f.requireMapping("modem");
        return new FallbackConfig(
                new FallbackConfig.Modem(modem.requireText("device"), (int) modem.requireInteger("baud"),
                        modem.text("pinFile").map(Path::of)),
                f.requireSequence("recipients").mappings().stream()
                        .map(r -> new FallbackConfig.Recipient(r.requireText("id"), r.requireText("number"))).toList());
    }

    private static String defaultClientId(SiteConfig.Site site, String gatewayId) {
        return "ductwatch-" + site.id() + "-" + gatewayId;
    }

    private static SparkplugConfig sparkplug(Mapping s, Mapping uplink, SiteConfig.Site site, String gatewayId) {
        String nativeClient = uplink.text("clientId").orElse(defaultClientId(site, gatewayId));
        return new SparkplugConfig(s.requireText("groupId"), s.requireText("edgeNodeId"), s.text("primaryHost"),
                s.text("clientId").orElse(nativeClient + "-sparkplug"), s.text("operator"),
                (int) s.requireInteger("historyMinutes"));
    }

    private static Set<String> words(Located.Sequence list) {
        Set<String> words = new LinkedHashSet<>();
        list.values().forEach(v -> words.add((String) v));
        return java.util.Collections.unmodifiableSet(words);
    }

    private static Duration millis(Mapping m, String key) {
        return Duration.ofMillis(m.requireInteger(key));
    }

    private static Duration seconds(Mapping m, String key) {
        return Duration.ofMillis(Math.round(m.requireNumber(key) * 1000));
    }

    private static OptionalDouble optionalDouble(Optional<Double> value) {
        return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }
}
