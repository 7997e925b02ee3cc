package dev.hearth.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The contract of this package's package-info: entities know the domain and JPA, nothing else. */
class PersistenceDependencyTest {

    private final JavaClasses persistence = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hearth.persistence");

    @Test
    void entitiesDependOnTheDomainAndJpaOnly() {
        classes()
                .that()
                .resideInAPackage("dev.hearth.persistence..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", "jakarta.persistence..", "dev.hearth.domain..", "dev.hearth.persistence..")
                .check(persistence);
    }
}
