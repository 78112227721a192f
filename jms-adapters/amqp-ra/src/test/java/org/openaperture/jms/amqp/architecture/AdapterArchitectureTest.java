package org.openaperture.jms.amqp.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resource adapter knows AMQP and JMS and nothing of OpenAperture, and its packages (the adapter, {@code
 * inbound}, {@code outbound}, {@code settings}) form no cycle.
 */
class AdapterArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.openaperture");
        assertTrue(
                classes.contain("org.openaperture.jms.amqp.AmqpResourceAdapter"),
                "the adapter's classes were imported");
    }

    @Test
    void adapterImportsNothingOfOpenApertureOutsideIt() {
        noClasses()
                .that()
                .resideInAPackage("org.openaperture.jms..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("org.openaperture..").and(not(resideInAPackage("org.openaperture.jms.."))))
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.openaperture.(**)").should().beFreeOfCycles().check(classes);
    }
}
