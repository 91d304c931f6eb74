package io.ductwatch.simulator.scenario;

import static io.ductwatch.config.schema.Field.optional;
import static io.ductwatch.config.schema.Field.required;
import static io.ductwatch.config.schema.Field.withDefault;

import io.ductwatch.config.schema.BooleanType;
import io.ductwatch.config.schema.ChoiceType;
import io.ductwatch.config.schema.ListType;
import io.ductwatch.config.schema.MapType;
import io.ductwatch.config.schema.NumberType;
import io.ductwatch.config.schema.ObjectType;
import io.ductwatch.config.schema.TextType;
import java.util.Map;

/** Every key of a scenario file (DESIGN 2.6), checked with the same machinery as site files. */
final class ScenarioSchema {

    static final NumberType TIME = NumberType.between(0, 864_000);
    static final NumberType DURATION = NumberType.between(0.001, 864_000);
    static final NumberType CHAINAGE = NumberType.between(0, 100_000);

    static final ObjectType AMBIENT = ObjectType.of("ambient", "The duct's air without events.",
            withDefault("temperatureC", NumberType.between(-40, 60), 18.0, "Mean air temperature.").unit("°C"),
            withDefault("humidityPct", NumberType.between(0, 100), 70.0, "Relative humidity.").unit("%"),
            withDefault("swingK", NumberType.between(0, 30), 0.0, "Amplitude of the daily swing.").unit("K"),
            withDefault("swingPeriodS", NumberType.between(60, 10_000_000), 86_400.0, "Period of the swing.").unit("s"));

    static final ObjectType FIRE = ObjectType.of("fire", "A t-squared fire.",
            required("positionM", CHAINAGE, "Chainage of the fire.").unit("m"),
            optional("growth", ChoiceType.of("slow", "medium", "fast", "ultra-fast"), "Growth class (or alphaKwS2)."),
            optional("alphaKwS2", NumberType.between(0.0001, 10), "Growth coefficient (or growth).").unit("kW/s^2"),
            withDefault("maxKw", NumberType.between(1, 100_000), 2000.0, "Largest heat release.").unit("kW"));

    static final ObjectType SMOULDER = ObjectType.of("smoulder", "A smouldering fire.",
            required("positionM", CHAINAGE, "Chainage.").unit("m"),
            withDefault("kw", NumberType.between(0.1, 100), 2.0, "Heat release.").unit("kW"),
            required("durationS", DURATION, "How long it smoulders.").unit("s"));

    static final ObjectType FLOOD = ObjectType.of("flood", "Water rising at a low point.",
            required("positionM", CHAINAGE, "Chainage of the low point.").unit("m"),
            required("rateMmPerMin", NumberType.between(0.01, 1000), "Rise rate.").unit("mm/min"));

    static final ObjectType HEAT = ObjectType.of("heat", "A local ramp of the air temperature.",
            required("fromM", CHAINAGE, "Start chainage.").unit("m"),
            required("toM", CHAINAGE, "End chainage.").unit("m"),
            required("rateKPerMin", NumberType.between(0.01, 100), "Ramp rate.").unit("K/min"),
            required("durationS", DURATION, "How long it ramps.").unit("s"));

    static final ObjectType RECORDED = ObjectType.of("recorded", "A measured or FDS-computed fire, replayed.",
            required("file", TextType.any(), "The recording: measured-data CSV or FDS *_devc.csv, relative to this"
                    + " scenario file's folder."),
            required("firePositionM", CHAINAGE, "Chainage of the fire in this duct.").unit("m"),
            withDefault("ignitionS", NumberType.between(-864_000, 864_000), 0.0,
                    "Time of ignition in the file's own time base; that row happens at atS.").unit("s"),
            withDefault("reversed", new BooleanType(), false, "The file's positive offsets are upstream."),
            optional("stations", new MapType(NumberType.between(-100_000, 100_000)),
                    "FDS device files: device id to offset from the fire (positive downstream), m."));

    static final ObjectType CONTACT = ObjectType.of("contact", "A contact operated.",
            required("sensor", TextType.identifier(), "Sensor id of the contact."),
            withDefault("active", new BooleanType(), true, "Active or normal."),
            optional("durationS", DURATION, "Released after this long.").unit("s"));

    static final ObjectType SENSOR_FAULT = ObjectType.of("sensorFault", "A sensor fault.",
            required("sensor", TextType.identifier(), "Sensor id."),
            required("mode", ChoiceType.of("stuck", "dropout", "crc", "nack", "disconnect", "slow"), "Fault mode."),
            optional("durationS", DURATION, "Cleared after this long.").unit("s"));

    static final ObjectType UPLINK = ObjectType.of("uplink", "A fault of the path to the broker.",
            required("mode", ChoiceType.of("down", "dnsFailure", "brokerRestart", "halfOpen"), "What fails."),
            required("durationS", DURATION, "For how long.").unit("s"));

    static final ObjectType MODEM = ObjectType.of("modem", "A fault of the fallback path's cellular modem.",
            required("mode", ChoiceType.of("noSignal", "simMissing", "gone", "hang", "smsError"),
                    "What fails: no network, no SIM, gone from USB, answers nothing, the network refuses SMS."),
            optional("durationS", DURATION, "Cleared after this long.").unit("s"));

    static final ObjectType SMS = ObjectType.of("sms", "An SMS reaches the gateway's modem.",
            required("from", TextType.matching("\\+?[0-9]{3,20}", "a phone number such as +821055500101"),
                    "The sender's number."),
            required("text", TextType.any(), "What it says: ACK <alarmId>, STATUS, or anything."));

    static final ObjectType POWER_CUT = ObjectType.of("powerCut", "The gateway process dies and restarts.",
            required("durationS", DURATION, "How long it stays down.").unit("s"));

    static final ObjectType EVENT = ObjectType.of("event", "One event; exactly one of the kinds below.",
            required("atS", TIME, "When, seconds from the start.").unit("s"),
            optional("fire", FIRE, "A fire."), optional("smoulder", SMOULDER, "A smouldering fire."),
            optional("flood", FLOOD, "A flood."), optional("heat", HEAT, "A heat ramp."),
            optional("contact", CONTACT, "A contact."), optional("sensorFault", SENSOR_FAULT, "A sensor fault."),
            optional("uplink", UPLINK, "An uplink fault."), optional("powerCut", POWER_CUT, "A power cut."),
            optional("recorded", RECORDED, "A recorded fire."), optional("modem", MODEM, "A modem fault."),
            optional("sms", SMS, "An SMS to the gateway."));

    static final ObjectType SCENARIO = ObjectType.of("scenario", "A ductwatch scenario file.",
            required("name", TextType.identifier(), "Scenario name."),
            required("durationS", DURATION, "Simulated duration.").unit("s"),
            withDefault("ambient", AMBIENT, Map.of(), "The duct's air."),
            withDefault("events", ListType.of(EVENT, 0, 1000), java.util.List.of(), "What happens."));

    private ScenarioSchema() {
    }
}
