package dev.hearth.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What the package-infos say: entities on the domain and JPA only; the data source choice on MP Config and EclipseLink. */
@AnalyzeClasses(packages = "dev.hearth.persistence", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule persistence = classes()
            .that()
            .resideInAPackage("dev.hearth.persistence")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "jakarta.persistence..", "dev.hearth.domain..", "dev.hearth.persistence");

    @ArchTest
    static final ArchRule dataSource = classes()
            .that()
            .resideInAPackage("dev.hearth.persistence.datasource")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "org.eclipse.microprofile.config..",
                    "org.eclipse.persistence..",
                    "dev.hearth.persistence.datasource");
}
