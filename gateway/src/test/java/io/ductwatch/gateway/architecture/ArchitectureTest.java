package io.ductwatch.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house rules of DESIGN 1 that the compiler cannot check. */
class ArchitectureTest {

    private static JavaClasses gateway;

    @BeforeAll
    static void importClasses() {
        gateway = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ductwatch.gateway");
    }

    @Test
    void core_knows_no_hardware_network_or_database_library() {
        noClasses().that().resideInAPackage("io.ductwatch.gateway.core..")
                .should().dependOnClassesThat().resideInAnyPackage("com.pi4j..", "org.eclipse.paho..",
                        "org.eclipse.californium..", "org.eclipse.scandium..", "org.eclipse.tahu..", "java.sql..",
                        "org.sqlite..")
                .check(gateway);
    }

    @Test
    void core_reads_no_clock_and_never_sleeps() {
        noClasses().that().resideInAnyPackage("io.ductwatch.gateway.core..", "io.ductwatch.gateway.sensor..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .check(gateway);
    }

    /**
     * The adapters (CoAP, hardware, store, MQTT) meet only through the core's ports and the payload formats
     * they share; the application package wires them together.
     */
    @Test
    void adapters_depend_on_core_ports_not_on_each_other() {
        List<String> adapters = List.of("local", "modem", "sensor", "store", "uplink");
        for (String adapter : adapters) {
            String[] others = adapters.stream().filter(a -> !a.equals(adapter))
                    .map(a -> "io.ductwatch.gateway." + a + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.ductwatch.gateway." + adapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(gateway);
        }
    }

    @Test
    void the_gateway_never_depends_on_the_simulator() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.ductwatch.simulator..").check(gateway);
    }
}
