package dev.hearth.hypervisor.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What the package-info of the connector API says it may depend on. */
@AnalyzeClasses(packages = "dev.hearth.hypervisor.api", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule connectionInterfaces = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.api")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..", "jakarta.resource..", "dev.hearth.hypervisor.api", "dev.hearth.protocol.wire..");

    @ArchTest
    static final ArchRule connectionPackageHoldsInterfacesAndExceptionsOnly = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.api")
            .should()
            .beInterfaces()
            .orShould()
            .beAssignableTo(Throwable.class);
}
