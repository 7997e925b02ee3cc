package dev.hearth.hypervisor.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What each package-info of the connector API says it may depend on. */
@AnalyzeClasses(packages = "dev.hearth.hypervisor.api", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule connectionInterfaces = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.api")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..", "jakarta.resource..", "dev.hearth.hypervisor.api", "dev.hearth.hypervisor.api.wire..");

    @ArchTest
    static final ArchRule connectionPackageHoldsInterfacesAndExceptionsOnly = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.api")
            .should()
            .beInterfaces()
            .orShould()
            .beAssignableTo(Throwable.class);

    @ArchTest
    static final ArchRule archive = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.api.archive..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.apache.commons.compress..", "dev.hearth.hypervisor.api.archive..");

    @ArchTest
    static final ArchRule host = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.api.host..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.hypervisor.api.host..");

    @ArchTest
    static final ArchRule wire = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.api.wire..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.hypervisor.api.wire..");

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching("dev.hearth.hypervisor.api.(*)..").should().beFreeOfCycles();
}
