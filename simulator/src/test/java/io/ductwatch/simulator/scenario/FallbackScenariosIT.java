package io.ductwatch.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ductwatch.config.SiteConfig;
import io.ductwatch.config.SiteLoader;
import io.ductwatch.gateway.uplink.Subscriber;
import io.ductwatch.simulator.broker.EmbeddedBroker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback path on the example site, whose modem is emulated: a FIRE reaches both recipients by SMS
 * while the fire has cut the uplink, a two-hour fire makes no SMS storm, every modem fault is a TROUBLE
 * within 100 s, and an ACK from a stranger's number changes nothing and is on record.
 */
class FallbackScenariosIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final String ROOM = "+821055500101";
    private static final String DUTY = "+821055500102";
    private static SiteConfig site;

    /** One broker for the class: an operator's subscriber on it records each run's sms journal. */
    private static EmbeddedBroker broker;

    @TempDir
    Path reports;
    private Subscriber operator;

    @BeforeAll
    static void siteAndBroker() throws Exception {
        site = SiteLoader.load(MODULE.resolve("../firmware-config/sites/example-duct.yaml").normalize())
                .withCoapPorts(0, 0);
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void subscribe() throws Exception {
        operator = new Subscriber(broker.url(), "ductwatch/example-duct/gw01/sms");
    }

    @AfterEach
    void unsubscribe() throws Exception {
        operator.close();
    }

    private Summary run(String name, String yaml) throws Exception {
        Scenario scenario = ScenarioLoader.parse(yaml, name, MODULE.resolve("scenarios"), site);
        Summary summary = new ScenarioRun(new ScenarioRun.Options(site, scenario, 1, 0,
                Optional.of(URI.create(broker.url())), reports.resolve(name), 1e9, frame -> { }, n -> { })).run();
        assertThat(summary.delivery().lost()).as("nothing lost silently").isZero();
        return summary;
    }

    private static List<Summary.Sms> to(Summary summary, String number) {
        return summary.fallback().stream().filter(s -> s.to().equals(number)).toList();
    }

    private static Summary.Alarm firstRaised(Summary summary, String type) {
        return summary.alarms().stream().filter(a -> a.type().equals(type) && a.event().equals("RAISED")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " raised"));
    }

    @Test
    void ahyeon_2018_the_fire_reaches_both_recipients_by_sms_while_it_has_cut_the_uplink() throws Exception {
        Summary summary = run("ahyeon-2018", Files.readString(MODULE.resolve("scenarios/ahyeon-2018.yaml")));

        Summary.Alarm fire = firstRaised(summary, "FIRE");
        assertThat(fire.atS()).as("raised after the fire cut the uplink at 330 s").isBetween(330.0, 1530.0);
        for (String number : List.of(ROOM, DUTY)) {
            assertThat(to(summary, number)).as("FIRE SMS to %s", number).first().satisfies(sms -> {
                assertThat(sms.atS() - fire.atS()).isBetween(0.0, 15.0);
                assertThat(sms.text()).startsWith("ductwatch example-duct/gw01 FIRE RAISED Z2 @1")
                        .endsWith("ACK {bootId}-" + sms.text().substring(sms.text().lastIndexOf('-') + 1));
            });
        }
        assertThat(summary.delivery().delivered()).as("everything on MQTT once the link is back")
                .isEqualTo(summary.delivery().published());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(operator.received()).as("the SMS attempts, journaled while MQTT was down, arrive after it is back")
                        .filteredOn(m -> m.json().get("direction").asText().equals("out")
                                && m.json().get("outcome").asText().equals("sent"))
                        .extracting(m -> m.json().get("number").asText()).contains(ROOM, DUTY));
        assertThat(MODULE.resolve("scenarios/ahyeon-2018.yaml")).exists();
        assertThat(Files.readString(reports.resolve("ahyeon-2018/report.html")))
                .contains("Fallback path: SMS").contains("2 of them while the path to the broker was cut");
    }

    @Test
    void a_two_hour_fire_with_a_recipient_asking_for_status_makes_no_sms_storm() throws Exception {
        StringBuilder yaml = new StringBuilder("""
                name: long-fire
                durationS: 7200
                events:
                  - { atS: 60, fire: { positionM: 143.0, growth: medium, maxKw: 2000 } }
                  - { atS: 120, uplink: { mode: down, durationS: 7000 } }
                  - { atS: 3000, flood: { positionM: 60.0, rateMmPerMin: 5 } }
                """);
        for (int at = 300; at < 7200; at += 120) {
            yaml.append("  - { atS: ").append(at).append(", sms: { from: \"").append(ROOM).append("\", text: STATUS } }\n");
        }
        Summary summary = run("long-fire", yaml.toString());

        for (String number : List.of(ROOM, DUTY)) {
            List<Summary.Sms> sms = to(summary, number);
            assertThat(sms).as("the FIRE reached %s", number).first()
                    .satisfies(s -> assertThat(s.text()).contains("FIRE RAISED"));
            for (Summary.Sms first : sms) {
                assertThat(sms.stream().filter(s -> s.atS() >= first.atS() && s.atS() < first.atS() + 3600))
                        .as("SMS to %s in the hour from %s s", number, first.atS()).hasSizeLessThanOrEqualTo(10);
            }
        }
        Summary.Alarm water = firstRaised(summary, "WATER");
        assertThat(to(summary, DUTY)).as("a WATER the broker could not acknowledge goes by SMS 30 s after it")
                .anySatisfy(s -> {
                    assertThat(s.text()).contains("WATER RAISED Z1");
                    assertThat(s.atS() - water.atS()).isBetween(30.0, 45.0);
                });
        List<Summary.Sms> room = to(summary, ROOM);
        assertThat(room).as("57 STATUS answers asked for; the hourly limit holds the rest in digests")
                .hasSizeBetween(15, 21)
                .anySatisfy(s -> assertThat(s.text()).containsPattern("\\d+ more SMS held by the hourly limit"));
    }

    @Test
    void every_modem_fault_is_a_trouble_within_100_s_and_a_strangers_ack_changes_nothing() throws Exception {
        Summary summary = run("modem-faults", """
                name: modem-faults
                durationS: 1500
                events:
                  - { atS: 100, modem: { mode: noSignal, durationS: 150 } }
                  - { atS: 350, modem: { mode: gone, durationS: 150 } }
                  - { atS: 600, modem: { mode: hang, durationS: 150 } }
                  - { atS: 850, modem: { mode: simMissing, durationS: 150 } }
                  - { atS: 1100, contact: { sensor: mcp0, active: true, durationS: 5 } }
                  - { atS: 1150, sms: { from: "+15550000000", text: "ACK *" } }
                  - { atS: 1300, sms: { from: "+821055500102", text: "ACK *" } }
                """);

        List<Summary.Alarm> modem = summary.troubles().stream().filter(t -> t.reason().startsWith("fallback modem"))
                .toList();
        for (double fault : List.of(100.0, 350.0, 600.0, 850.0)) {
            assertThat(modem).as("TROUBLE for the fault at %s s", fault)
                    .anySatisfy(t -> {
                        assertThat(t.event()).isEqualTo("RAISED");
                        assertThat(t.atS()).isBetween(fault, fault + 100);
                    })
                    .anySatisfy(t -> {
                        assertThat(t.event()).isEqualTo("CLEARED");
                        assertThat(t.atS()).isBetween(fault + 150, fault + 250);
                    });
        }
        assertThat(summary.alarms()).as("the stranger's ACK acknowledged nothing; the recipient's did")
                .filteredOn(a -> a.event().equals("ACKNOWLEDGED")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.atS()).isGreaterThanOrEqualTo(1300.0));
        assertThat(summary.fallback()).as("a stranger gets no answer").noneMatch(s -> s.to().equals("+15550000000"));
        assertThat(to(summary, DUTY)).anySatisfy(s -> assertThat(s.text()).contains("ACK *: ").contains("acknowledged"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(operator.received()).as("the refusal is on record on MQTT")
                        .anySatisfy(m -> {
                            assertThat(m.json().get("direction").asText()).isEqualTo("in");
                            assertThat(m.json().get("number").asText()).isEqualTo("+15550000000");
                            assertThat(m.json().get("outcome").asText()).isEqualTo("refused");
                            assertThat(m.json().get("detail").asText()).contains("not a recipient");
                        }));
    }

    @Test
    void a_power_cut_while_a_fire_sms_is_on_its_way_loses_nothing_and_the_modem_works_after_it() throws Exception {
        Summary summary = run("cut-mid-sms", """
                name: cut-mid-sms
                durationS: 400
                events:
                  - { atS: 100, contact: { sensor: mcp0, active: true, durationS: 5 } }
                  - { atS: 101, powerCut: { durationS: 30 } }
                  - { atS: 200, contact: { sensor: mcp0, active: true, durationS: 5 } }
                """);

        assertThat(to(summary, ROOM)).as("the FIRE after the restart goes out as the first did")
                .anySatisfy(s -> assertThat(s.atS()).isBetween(200.0, 215.0));
        assertThat(summary.troubles()).noneMatch(t -> t.reason().startsWith("fallback modem"));
    }
}
