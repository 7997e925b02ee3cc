package dev.hearth.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What each package-info of the security realm says it may depend on. */
@AnalyzeClasses(packages = "dev.hearth.security", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule rolesAndCaller = classes()
            .that()
            .resideInAPackage("dev.hearth.security")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "jakarta..", "org.eclipse.microprofile.jwt..", "dev.hearth.security");

    @ArchTest
    static final ArchRule credential = classes()
            .that()
            .resideInAPackage("dev.hearth.security.credential..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.json",
                    "jakarta.json.spi..",
                    "jakarta.json.stream..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "org.eclipse.microprofile.config..",
                    "dev.hearth.security.setting..",
                    "dev.hearth.security.credential..");

    @ArchTest
    static final ArchRule setting = classes()
            .that()
            .resideInAPackage("dev.hearth.security.setting..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.eclipse.microprofile.config..", "dev.hearth.security.setting..");
}
