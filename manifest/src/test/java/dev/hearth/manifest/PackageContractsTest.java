package dev.hearth.manifest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What the package-info says: plain Java and JSON-P, the domain and the protocol's archive checker. */
@AnalyzeClasses(packages = "dev.hearth.manifest", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule manifest = classes()
            .that()
            .resideInAPackage("dev.hearth.manifest..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.json",
                    "jakarta.json.stream..",
                    "dev.hearth.domain..",
                    "dev.hearth.protocol.archive..",
                    "dev.hearth.manifest..");
}
