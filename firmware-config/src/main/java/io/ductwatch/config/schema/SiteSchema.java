package io.ductwatch.config.schema;

import static io.ductwatch.config.schema.Field.optional;
import static io.ductwatch.config.schema.Field.required;
import static io.ductwatch.config.schema.Field.withDefault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key of the site file (DESIGN 2.4): type, unit, default, bounds and meaning. The loader checks
 * a file against it, and {@link JsonSchemaWriter} and {@link ReferenceDocWriter} turn it into the
 * JSON Schema and the reference in {@code docs/configuration.md}.
 */
public final class SiteSchema {

    /** Sensor kinds: what a sensor detects. */
    public static final ChoiceType SENSOR_KINDS = ChoiceType.of(
            "heat", "smoke", "co", "waterLevel", "waterSwitch", "door", "callPoint", "mains", "battery", "climate");

    /** Drivers: how a sensor is wired and read. */
    public static final ChoiceType DRIVERS = ChoiceType.of(
            "ds18b20", "sht31", "bme280", "ads1115-loop", "ads1115-supervised", "gpio");

    /** Heat detector presets after the EN 54-5 classes; the S presets respond to temperature only. */
    public static final ChoiceType HEAT_PRESETS = ChoiceType.of("A1R", "A2R", "BR", "A1S", "A2S", "BS");

    /** Alarm types an output can follow (DESIGN 2.2). */
    public static final ChoiceType ALARM_TYPES = ChoiceType.of(
            "HEAT", "SMOKE", "CO", "WATER", "PRE_ALARM", "FIRE", "SUPERVISORY", "TROUBLE");

    /** Operator commands (DESIGN 2.2). */
    public static final ChoiceType COMMANDS = ChoiceType.of(
            "ack", "reset", "silence", "status", "disable", "enable", "test");

    private static final IntegerType I2C_BUS = IntegerType.between(0, 22);
    private static final IntegerType GPIO_PIN = new IntegerType(0, 27, false, "is not a GPIO of the 40-pin header");
    private static final IntegerType ADC_CHANNEL = IntegerType.between(0, 3);
    private static final NumberType CHAINAGE = NumberType.between(0, 100_000);

    public static final ObjectType SITE_INFO = ObjectType.of("site", "Who this site is.",
            required("id", TextType.identifier(), "Site id; the second level of every MQTT topic."),
            required("name", TextType.any(), "Human name of the site, shown in reports."));

    public static final ObjectType ONE_WIRE = ObjectType.of("oneWire", "The 1-Wire bus (Linux w1 sysfs).",
            withDefault("pin", GPIO_PIN, 4L, "GPIO of the w1-gpio overlay; kept free of other uses."),
            withDefault("devicesPath", TextType.any(), "/sys/bus/w1/devices",
                    "Folder holding the w1 devices and the bus master's therm_bulk_read."));

    public static final ObjectType GATEWAY = ObjectType.of("gateway", "This gateway.",
            required("id", TextType.identifier(), "Gateway id; the third level of every MQTT topic."),
            withDefault("oneWire", ONE_WIRE, Map.of(), "The 1-Wire bus of the DS18B20 chain."));

    public static final ObjectType DUCT = ObjectType.of("duct", "The duct section this gateway watches.",
            withDefault("startM", CHAINAGE, 0.0, "Chainage of the section's first metre within a longer duct watched by"
                    + " several gateways; every position in this file and every one the gateway publishes is absolute.")
                    .unit("m"),
            required("lengthM", NumberType.between(1, 100_000),
                    "Length of the section; chainage runs from startM to startM + lengthM.").unit("m"),
            required("heightM", NumberType.between(0.3, 20), "Inner height (ceiling height above the floor).")
                    .unit("m"),
            required("widthM", NumberType.between(0.3, 20), "Inner width.").unit("m"),
            withDefault("airflowMs", NumberType.between(0, 20), 0.0,
                    "Mean air velocity towards increasing chainage; skews heat and smoke downstream.").unit("m/s"));

    public static final ObjectType ZONE = ObjectType.of("zone", "A detection zone: a stretch of the duct.",
            required("id", TextType.identifier(), "Zone id, used in alarms."),
            optional("name", TextType.any(), "Human name."),
            required("fromM", CHAINAGE, "Start chainage (inclusive).").unit("m"),
            required("toM", CHAINAGE, "End chainage (inclusive); greater than fromM.").unit("m"));

    public static final ObjectType SENSOR = sensor();

    public static final ObjectType LEVEL_RULE_SMOKE = ObjectType.of("smokeRule", "Smoke threshold with hysteresis.",
            withDefault("alarmPctPerM", NumberType.between(0.5, 80), 10.0, "Obscuration that raises SMOKE.")
                    .unit("%/m"),
            withDefault("clearPctPerM", NumberType.between(0, 80), 5.0,
                    "Obscuration below which SMOKE clears; lower than alarmPctPerM.").unit("%/m"),
            withDefault("debounceS", NumberType.between(0, 120), 5.0,
                    "How long the value must stay past a threshold before the state changes.").unit("s"));

    public static final ObjectType LEVEL_RULE_CO = ObjectType.of("coRule", "Carbon monoxide threshold with hysteresis.",
            withDefault("alarmPpm", NumberType.between(5, 1000), 50.0, "Concentration that raises CO.").unit("ppm"),
            withDefault("clearPpm", NumberType.between(0, 1000), 35.0,
                    "Concentration below which CO clears; lower than alarmPpm.").unit("ppm"),
            withDefault("debounceS", NumberType.between(0, 300), 10.0,
                    "How long the value must stay past a threshold before the state changes.").unit("s"));

    public static final ObjectType LEVEL_RULE_WATER = ObjectType.of("waterRule",
            "Water level threshold with hysteresis, and the float switches' debounce.",
            withDefault("alarmMm", NumberType.between(1, 5000), 50.0, "Level that raises WATER.").unit("mm"),
            withDefault("clearMm", NumberType.between(0, 5000), 30.0,
                    "Level below which WATER clears; lower than alarmMm.").unit("mm"),
            withDefault("debounceS", NumberType.between(0, 300), 10.0,
                    "How long a level or a float switch must hold before the state changes.").unit("s"));

    public static final ObjectType HEAT_RULE = ObjectType.of("heatRule", "Heat detection.",
            withDefault("preset", HEAT_PRESETS, "A1R",
                    "EN 54-5 class of every heat sensor without a preset of its own. A1R/A2R/BR: static and "
                            + "rate of rise; A1S/A2S/BS: static only."));

    public static final ObjectType TROUBLE_RULE = ObjectType.of("troubleRule", "When faults become TROUBLE.",
            withDefault("silentS", NumberType.between(5, 100), 60.0,
                    "A sensor with no good reading for this long is a fault (EN 54-2: within 100 s).").unit("s"),
            withDefault("stuckS", NumberType.between(60, 900), 900.0,
                    "A sensor whose value has not moved while its neighbours did, for this long, is stuck.")
                    .unit("s"),
            withDefault("storageWarnPct", NumberType.between(50, 99), 90.0,
                    "Store filled to this share of store.maxMb raises a TROUBLE.").unit("%"),
            withDefault("uplinkDownS", NumberType.between(10, 86_400), 300.0,
                    "Uplink down for this long raises a TROUBLE.").unit("s"),
            withDefault("certificateWarnDays", IntegerType.between(1, 365), 30L,
                    "A TLS certificate expiring within this many days raises a TROUBLE.").unit("d"));

    public static final ObjectType RULES = ObjectType.of("rules", "Alarm rules: presets and thresholds per kind.",
            withDefault("heat", HEAT_RULE, Map.of(), "Heat sensors."),
            withDefault("smoke", LEVEL_RULE_SMOKE, Map.of(), "Analog smoke sensors."),
            withDefault("co", LEVEL_RULE_CO, Map.of(), "CO sensors."),
            withDefault("water", LEVEL_RULE_WATER, Map.of(), "Water level sensors and float switches."),
            withDefault("trouble", TROUBLE_RULE, Map.of(), "Faults."));

    public static final ObjectType OUTPUT = ObjectType.of("output", "A relay or lamp driven from a GPIO.",
            required("id", TextType.identifier(), "Output id (siren, panel, fan ...)."),
            required("pin", GPIO_PIN, "GPIO (BCM numbering) that drives the relay."),
            withDefault("activeLevel", ChoiceType.of("high", "low"), "high", "Pin level that switches the output on."),
            withDefault("failSafe", ChoiceType.of("inactive", "active"), "inactive",
                    "State at start-up, on an orderly stop and when the output cannot be decided."),
            required("on", ListType.of(ALARM_TYPES, 1, 8), "Alarm types that switch the output on."),
            withDefault("inhibitOn", ListType.of(ALARM_TYPES, 0, 8), List.of(),
                    "Alarm types that force the output off, over 'on' (a fan stopped on FIRE)."),
            optional("zones", ListType.of(TextType.identifier(), 1, 64),
                    "Zones whose alarms drive it; absent: every zone."),
            withDefault("silenceable", new BooleanType(), false,
                    "Whether the operator's silence command switches it off while the alarm stays."));

    public static final ObjectType TLS = ObjectType.of("tls", "TLS to the broker.",
            required("caFile", new FileType(false), "PEM file of the CA that signed the broker's certificate."),
            optional("certFile", new FileType(false), "PEM client certificate (with keyFile)."),
            optional("keyFile", new FileType(true), "PEM private key of the client certificate (PKCS#8)."));

    public static final ObjectType OPERATOR = ObjectType.of("operator", "Who may send which MQTT command.",
            required("id", TextType.identifier(), "Operator id, as the command payload's 'operator' field names it."),
            required("commands", ListType.of(COMMANDS, 1, 7), "Commands this operator may send."));

    public static final ObjectType UPLINK = ObjectType.of("uplink", "The MQTT uplink (Paho, MQTT 3.1.1).",
            required("brokers", ListType.of(TextType.matching("(tcp|ssl)://[A-Za-z0-9._\\-\\[\\]:]+:[0-9]{1,5}",
                            "tcp://HOST:PORT or ssl://HOST:PORT"), 1, 8),
                    "Broker URLs, tried in this order on every reconnect."),
            optional("clientId", TextType.matching("[A-Za-z0-9_.-]{1,64}", "1-64 letters, digits, '-', '_', '.'"),
                    "MQTT client id; absent: ductwatch-SITE-GATEWAY."),
            withDefault("keepaliveS", IntegerType.between(5, 600), 20L,
                    "MQTT keepalive; a silent broker is given up after 1.5 times this.").unit("s"),
            optional("tls", TLS, "TLS settings; required when a broker URL is ssl://."),
            optional("credentialsFile", new FileType(true),
                    "File with 'username=' and 'password=' lines for the broker."),
            withDefault("operators", ListType.of(OPERATOR, 0, 100), List.of(),
                    "Operators allowed to send commands; absent: commands are refused."),
            withDefault("replayPerS", IntegerType.between(10, 100_000), 5000L,
                    "Most buffered readings replayed per second after an outage.").unit("1/s"));

    public static final ObjectType STORE = ObjectType.of("store", "The SQLite store-and-forward file.",
            withDefault("path", TextType.any(), "/var/lib/ductwatch/ductwatch.db",
                    "SQLite file; a relative path resolves against the site file's folder."),
            withDefault("maxMb", IntegerType.between(16, 65_536), 1024L,
                    "Size cap; near it readings are thinned to 1-minute aggregates, alarms kept.").unit("MB"),
            withDefault("commitMs", IntegerType.between(100, 5000), 1000L,
                    "Readings are committed in one transaction this often.").unit("ms"));

    public static final ObjectType COAP = ObjectType.of("coap", "The local CoAP API for technicians.",
            withDefault("bind", TextType.matching("[0-9A-Fa-f.:]+", "an IPv4 or IPv6 address"), "0.0.0.0",
                    "Address the CoAP endpoints listen on."),
            withDefault("port", IntegerType.between(0, 65_535), 5683L, "coap:// UDP port; 0 picks a free one."),
            withDefault("securePort", IntegerType.between(0, 65_535), 5684L,
                    "coaps:// (DTLS, PSK) UDP port; 0 picks a free one."),
            withDefault("openReads", new BooleanType(), false,
                    "Whether reads are allowed over plain coap://; writes always need DTLS."),
            optional("pskFile", new FileType(true),
                    "PSK identities: lines 'IDENTITY,KEY,read|write', KEY as hex; absent: no coaps:// endpoint."));

    public static final ObjectType WATCHDOG = ObjectType.of("watchdog", "The hardware watchdog.",
            withDefault("enabled", new BooleanType(), false, "Kick the watchdog while the loop is healthy."),
            withDefault("device", TextType.any(), "/dev/watchdog", "Watchdog device."),
            withDefault("timeoutS", IntegerType.between(2, 15), 15L,
                    "Reboot after this long without a kick (the Pi's watchdog tops out near 15 s).").unit("s"));

    public static final ObjectType MODEM = ObjectType.of("modem", "A cellular modem on a serial line (3GPP AT commands).",
            required("device", TextType.matching("/dev/[A-Za-z0-9_./-]+", "a device path such as /dev/ttyUSB2"),
                    "Serial device of the modem's AT port; a udev name such as /dev/ductwatch-modem survives"
                            + " a change of USB port."),
            withDefault("baud", IntegerType.between(1200, 4_000_000), 115200L, "Line speed; USB modems ignore it.").unit("bit/s"),
            optional("pinFile", new FileType(true), "File holding the SIM's PIN (4-8 digits); absent: the SIM has none."));

    public static final ObjectType RECIPIENT = ObjectType.of("recipient", "Who receives alarm SMS and may answer them.",
            required("id", TextType.identifier(), "Who it is, as the audit trail names them (duty-engineer)."),
            required("number", TextType.matching("\\+[1-9][0-9]{6,14}", "an international number such as +821055501234"),
                    "Mobile number in international form, as the network presents it as a sender."));

    public static final ObjectType FALLBACK = ObjectType.of("fallback",
            "The second path: alarm SMS through a cellular modem when the uplink may burn with the duct.",
            required("modem", MODEM, "The cellular modem."),
            required("recipients", ListType.of(RECIPIENT, 1, 20),
                    "Who gets every FIRE, and WATER and critical TROUBLEs the broker did not acknowledge in 30 s."));

    /** A Sparkplug topic element: no '/', '+' or '#' (Sparkplug B 3.0, 4.1.1). */
    private static final TextType SPARKPLUG_ID = TextType.matching("[A-Za-z0-9_.-]{1,64}",
            "1-64 letters, digits, '-', '_', '.'");

    public static final ObjectType SPARKPLUG = ObjectType.of("sparkplug",
            "A Sparkplug B 3.0 edge node beside the native topics, on an MQTT connection of its own.",
            required("groupId", SPARKPLUG_ID, "Group id: spBv1.0/GROUP/..."),
            required("edgeNodeId", SPARKPLUG_ID, "Edge node id: spBv1.0/GROUP/NBIRTH/NODE; each zone is a device."),
            optional("primaryHost", SPARKPLUG_ID,
                    "Primary host application id: births are published only while spBv1.0/STATE/HOST says online."),
            optional("clientId", SPARKPLUG_ID, "MQTT client id of the Sparkplug connection; absent: the uplink's"
                    + " client id with '-sparkplug'."),
            optional("operator", TextType.identifier(),
                    "Operator of uplink.operators that DCMD commands act as; absent: DCMDs are refused."),
            withDefault("historyMinutes", IntegerType.between(0, 1440), 60L,
                    "Readings kept while the node cannot publish, sent as historical metrics after its next birth.")
                    .unit("min"));

    public static final ObjectType SITE = ObjectType.of("site file", "A ductwatch site file.",
            required("site", SITE_INFO, "Who this site is."),
            required("gateway", GATEWAY, "This gateway."),
            required("duct", DUCT, "The duct section."),
            required("zones", ListType.of(ZONE, 1, 64), "Detection zones along the duct."),
            required("sensors", ListType.of(SENSOR, 1, 1000), "Every sensor, contact and status line."),
            withDefault("rules", RULES, Map.of(), "Alarm rules."),
            withDefault("outputs", ListType.of(OUTPUT, 0, 16), List.of(), "Local outputs."),
            required("uplink", UPLINK, "MQTT uplink."),
            withDefault("store", STORE, Map.of(), "Store-and-forward."),
            withDefault("coap", COAP, Map.of(), "Local CoAP API."),
            withDefault("watchdog", WATCHDOG, Map.of(), "Hardware watchdog."),
            optional("fallback", FALLBACK, "Alarm SMS through a cellular modem; absent: no second path."),
            optional("sparkplug", SPARKPLUG, "Sparkplug B edge node for SCADA hosts; absent: native topics only."));

    private SiteSchema() {
    }

    private static ObjectType sensor() {
        List<Field> common = List.of(
                required("id", TextType.identifier(), "Sensor id, unique in the site (t07, s1, door)."),
                required("kind", SENSOR_KINDS, "What it detects."),
                required("driver", DRIVERS, "How it is wired and read; selects the keys below."),
                optional("name", TextType.any(), "Human description."),
                required("positionM", CHAINAGE, "Chainage along the duct, within the duct and its zone.").unit("m"),
                required("zone", TextType.identifier(), "Zone id; the position must lie inside it."),
                optional("preset", HEAT_PRESETS, "Heat sensors only: EN 54-5 class, over rules.heat.preset."));

        Map<String, List<Field>> variants = new LinkedHashMap<>();
        variants.put("ds18b20", List.of(
                required("romId", TextType.matching("28-[0-9a-f]{12}", "28- and 12 lower-case hex digits"),
                        "1-Wire ROM id as Linux names the device (family 28)."),
                withDefault("resolutionBits", IntegerType.between(9, 12), 12L,
                        "Conversion resolution: 9 bits 0.5 K in 94 ms ... 12 bits 0.0625 K in 750 ms."),
                poll(2000, 1000, 60_000)));
        variants.put("sht31", List.of(i2cBus(), i2cAddress(0x44L), poll(2000, 500, 60_000)));
        variants.put("bme280", List.of(i2cBus(), i2cAddress(0x76L), poll(2000, 500, 60_000)));
        variants.put("ads1115-loop", List.of(
                i2cBus(), i2cAddress(null), channel(),
                withDefault("shuntOhm", NumberType.between(50, 250), 150.0,
                        "Shunt the 4-20 mA loop flows through; 21 mA must stay under 4.096 V.").unit("ohm"),
                required("at4mA", NumberType.between(-100_000, 100_000),
                        "Value at 4 mA, in the kind's unit (smoke %/m, co ppm, waterLevel mm)."),
                required("at20mA", NumberType.between(-100_000, 100_000), "Value at 20 mA, in the kind's unit."),
                optional("alarmAt", NumberType.between(-100_000, 100_000),
                        "This sensor's alarm threshold in the kind's unit, over the rules' one."),
                optional("clearAt", NumberType.between(-100_000, 100_000),
                        "This sensor's clear threshold in the kind's unit, below alarmAt."),
                poll(1000, 100, 60_000)));
        variants.put("ads1115-supervised", List.of(
                i2cBus(), i2cAddress(null), channel(),
                withDefault("supplyV", NumberType.between(1, 5.5), 3.3, "Voltage feeding the line.").unit("V"),
                withDefault("seriesOhm", NumberType.between(100, 100_000), 4700.0,
                        "Resistor from the supply to the line, across which the ADC reads.").unit("ohm"),
                withDefault("eolOhm", NumberType.between(100, 100_000), 4700.0,
                        "End-of-line resistor across the far end of the line.").unit("ohm"),
                withDefault("alarmOhm", NumberType.between(10, 100_000), 1000.0,
                        "Resistor the contact puts across the line when active.").unit("ohm"),
                withDefault("debounceMs", IntegerType.between(0, 10_000), 200L,
                        "How long a state must hold to count.").unit("ms"),
                poll(250, 50, 10_000)));
        variants.put("gpio", List.of(
                required("pin", GPIO_PIN, "GPIO (BCM numbering)."),
                withDefault("pull", ChoiceType.of("up", "down", "off"), "up", "Internal pull resistor."),
                withDefault("activeLevel", ChoiceType.of("low", "high"), "low", "Level that means active."),
                withDefault("debounceMs", IntegerType.between(0, 5000), 20L, "Edge debounce.").unit("ms")));
        return new ObjectType("sensor", "A sensor, contact or status line.", common, "driver", variants);
    }

    private static Field poll(long defaultMs, long minMs, long maxMs) {
        return withDefault("pollMs", IntegerType.between(minMs, maxMs), defaultMs, "Sampling period.").unit("ms");
    }

    private static Field i2cBus() {
        return withDefault("bus", I2C_BUS, 1L, "I2C bus number (/dev/i2c-N).");
    }

    private static Field i2cAddress(Long defaultAddress) {
        return defaultAddress == null
                ? required("address", IntegerType.i2cAddress(), "7-bit I2C address of the chip.")
                : withDefault("address", IntegerType.i2cAddress(), defaultAddress, "7-bit I2C address of the chip.");
    }

    private static Field channel() {
        return required("channel", ADC_CHANNEL, "ADS1115 input AIN0-AIN3, read single-ended.");
    }
}
