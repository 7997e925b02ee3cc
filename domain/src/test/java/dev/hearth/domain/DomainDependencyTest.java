package dev.hearth.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DomainDependencyTest {

    private final JavaClasses domain = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hearth.domain");

    @Test
    void domainDependsOnJavaAndItselfOnly() {
        classes()
                .that()
                .resideInAPackage("dev.hearth.domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.hearth.domain..")
                .check(domain);
    }
}
