package dev.hearth.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What the console's package-info says it may depend on: Jakarta EE, Config, the services, the realm. */
@AnalyzeClasses(packages = "dev.hearth.console", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule console = classes()
            .that()
            .resideInAPackage("dev.hearth.console..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta..",
                    "org.eclipse.microprofile.config..",
                    "dev.hearth.scheduler.application..",
                    "dev.hearth.security..",
                    "dev.hearth.console..");
}
