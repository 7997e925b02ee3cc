package dev.hearth.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What each package-info of the protocol module says it may depend on: plain Java, so that the
 * host agent, the resource adapter and the scheduler can all share it; JSON-P in the invocation's
 * codec alone, which its users (Payara, the agent's jar) bring.
 */
@AnalyzeClasses(packages = "dev.hearth.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule nothingOfJakartaButTheCodecsJsonP = noClasses()
            .that()
            .resideOutsideOfPackage("dev.hearth.protocol.wire.json")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("jakarta..");

    @ArchTest
    static final ArchRule archive = classes()
            .that()
            .resideInAPackage("dev.hearth.protocol.archive..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "org.apache.commons.compress..",
                    "dev.hearth.domain.rules..",
                    "dev.hearth.protocol.archive..");

    @ArchTest
    static final ArchRule host = classes()
            .that()
            .resideInAPackage("dev.hearth.protocol.host..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.protocol.host..");

    @ArchTest
    static final ArchRule wire = classes()
            .that()
            .resideInAPackage("dev.hearth.protocol.wire")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.protocol.wire");

    @ArchTest
    static final ArchRule wireJson = classes()
            .that()
            .resideInAPackage("dev.hearth.protocol.wire.json")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.json",
                    "jakarta.json.spi",
                    "jakarta.json.stream",
                    "dev.hearth.protocol.wire",
                    "dev.hearth.protocol.wire.json");

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching("dev.hearth.protocol.(*)..").should().beFreeOfCycles();
}
