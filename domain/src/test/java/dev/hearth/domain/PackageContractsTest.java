package dev.hearth.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What each package-info of the domain says it may depend on. */
@AnalyzeClasses(packages = "dev.hearth.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule domainImportsJavaOnly = classes()
            .that()
            .resideInAPackage("dev.hearth.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.domain..");

    @ArchTest
    static final ArchRule function = classes()
            .that()
            .resideInAPackage("dev.hearth.domain.function..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "dev.hearth.domain.function..",
                    "dev.hearth.domain.network..",
                    "dev.hearth.domain.rules..");

    @ArchTest
    static final ArchRule rules = classes()
            .that()
            .resideInAPackage("dev.hearth.domain.rules..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.domain.rules..");

    @ArchTest
    static final ArchRule network = classes()
            .that()
            .resideInAPackage("dev.hearth.domain.network..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.domain.network..");

    @ArchTest
    static final ArchRule placement = classes()
            .that()
            .resideInAPackage("dev.hearth.domain.placement..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.domain.placement..", "dev.hearth.domain.function..");

    @ArchTest
    static final ArchRule schedule = classes()
            .that()
            .resideInAPackage("dev.hearth.domain.schedule..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.domain.schedule..", "dev.hearth.domain.rules..");

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching("dev.hearth.domain.(*)..").should().beFreeOfCycles();
}
