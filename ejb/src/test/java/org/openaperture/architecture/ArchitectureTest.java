package org.openaperture.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of the EJB module: no package cycles, neither between the rooms ({@code org.openaperture.<room>})
 * nor between the packages inside them nor between the layers; a domain that knows nothing of the layers above
 * it, of infrastructure or of JMS; an application layer that does not reach into infrastructure or interfaces.
 * A room may be split into parts that each have their layers ({@code messaging.registry.domain}); the parts then
 * have no cycles between them either.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.openaperture");
        assertTrue(
                classes.contain("org.openaperture.messaging.registry.application.ExchangeService"),
                "the EJB module's classes were imported");
    }

    @Test
    void roomsHaveNoCycles() {
        slices().matching("org.openaperture.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.openaperture.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void layersHaveNoCycles() {
        slices().assignedFrom(LAYERS).should().beFreeOfCycles().check(classes);
    }

    /**
     * The parts of the messaging core (registry, publish, rpc, outbox, topology, processed) depend one way: the
     * registry at the bottom, nothing back from a part to one that uses it.
     */
    @Test
    void messagingPartsHaveNoCycles() {
        slices().matching("org.openaperture.messaging.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void messagingRegistryDependsOnNoOtherPart() {
        noClasses()
                .that()
                .resideInAPackage("org.openaperture.messaging.registry..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.openaperture.messaging.publish..",
                        "org.openaperture.messaging.rpc..",
                        "org.openaperture.messaging.outbox..",
                        "org.openaperture.messaging.topology..",
                        "org.openaperture.messaging.processed..")
                .check(classes);
    }

    @Test
    void domainDoesNotImportTheLayersAbove() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..application..", "..infrastructure..", "..interfaces..")
                .check(classes);
    }

    @Test
    void domainDoesNotImportJms() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.jms..")
                .check(classes);
    }

    @Test
    void applicationDoesNotImportInfrastructureOrInterfaces() {
        noClasses()
                .that()
                .resideInAPackage("..application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..infrastructure..", "..interfaces..")
                .check(classes);
    }

    private static final List<String> LAYER_NAMES = List.of("domain", "application", "infrastructure", "interfaces");

    /**
     * A class's layer, whether its room has the layers directly ({@code fleet.domain}) or one level down in its
     * parts ({@code messaging.rpc.domain}); a package of a room that is neither keeps its own name, as before.
     */
    private static final SliceAssignment LAYERS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith("org.openaperture.")) {
                return SliceIdentifier.ignore();
            }
            String[] segments = name.substring("org.openaperture.".length()).split("\\.");
            if (segments.length < 2) {
                return SliceIdentifier.ignore();
            }
            for (int i = 1; i < Math.min(segments.length, 3); i++) {
                if (LAYER_NAMES.contains(segments[i])) {
                    return SliceIdentifier.of(segments[i]);
                }
            }
            return SliceIdentifier.of(segments[1]);
        }

        @Override
        public String getDescription() {
            return "layers of org.openaperture (domain, application, infrastructure, interfaces)";
        }
    };
}
