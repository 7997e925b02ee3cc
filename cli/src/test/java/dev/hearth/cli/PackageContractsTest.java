package dev.hearth.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What each package-info of the CLI says it may depend on: picocli only where the command line is
 * parsed, no server class (only the domain's naming rules and limits, and the upload rules the
 * server shares, used by the commands), no JSON-B.
 */
@AnalyzeClasses(packages = "dev.hearth.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule picocliOnlyForTheCommandLine = noClasses()
            .that()
            .resideOutsideOfPackages("dev.hearth.cli", "dev.hearth.cli.command..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule ofHearthOnlyTheRulesItShares = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.hearth.domain.placement..",
                    "dev.hearth.domain.readiness..",
                    "dev.hearth.scheduler..",
                    "dev.hearth.web..",
                    "dev.hearth.protocol..",
                    "dev.hearth.security..");

    @ArchTest
    static final ArchRule config = classes()
            .that()
            .resideInAPackage("dev.hearth.cli.config..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.cli", "dev.hearth.cli.config..");

    @ArchTest
    static final ArchRule output = classes()
            .that()
            .resideInAPackage("dev.hearth.cli.output..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "jakarta.json..", "dev.hearth.cli.output..");

    @ArchTest
    static final ArchRule http = classes()
            .that()
            .resideInAPackage("dev.hearth.cli.http..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..", "jakarta.json..", "dev.hearth.cli", "dev.hearth.cli.http..", "dev.hearth.cli.output..");

    @ArchTest
    static final ArchRule auth = classes()
            .that()
            .resideInAPackage("dev.hearth.cli.auth..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "com.sun.net.httpserver..",
                    "jakarta.json..",
                    "dev.hearth.cli",
                    "dev.hearth.cli.auth..",
                    "dev.hearth.cli.config..",
                    "dev.hearth.cli.http..",
                    "dev.hearth.cli.output..");

    @ArchTest
    static final ArchRule api = classes()
            .that()
            .resideInAPackage("dev.hearth.cli.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.json..",
                    "dev.hearth.cli.api..",
                    "dev.hearth.cli.http..",
                    "dev.hearth.cli.output..");

    @ArchTest
    static final ArchRule archive = classes()
            .that()
            .resideInAPackage("dev.hearth.cli.archive..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..", "org.apache.commons.compress..", "dev.hearth.cli", "dev.hearth.cli.archive..");

    @ArchTest
    static final ArchRule theUploadRulesOnlyInTheCommands = noClasses()
            .that()
            .resideOutsideOfPackage("dev.hearth.cli.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.hearth.manifest..",
                    "dev.hearth.protocol..",
                    "dev.hearth.domain.function..",
                    "dev.hearth.domain.network..");

    @ArchTest
    static final ArchRule skeleton = classes()
            .that()
            .resideInAPackage("dev.hearth.cli.skeleton..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.cli", "dev.hearth.cli.skeleton..");

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching("dev.hearth.cli.(*)..").should().beFreeOfCycles();
}
