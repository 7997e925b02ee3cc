package dev.hearth.web;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.hearth.domain.async.AsyncSettings;
import dev.hearth.domain.function.LogDestination;
import dev.hearth.domain.function.PolicyOverride;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.protocol.wire.json.WholeJson;
import dev.hearth.scheduler.application.ProblemType;

/** What each package-info of the web layer says it may depend on. */
@AnalyzeClasses(packages = "dev.hearth.web", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule admin = classes()
            .that()
            .resideInAPackage("dev.hearth.web.admin..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta..",
                    "org.eclipse.microprofile.openapi..",
                    "dev.hearth.scheduler.application..",
                    "dev.hearth.security..",
                    "dev.hearth.web.problem..",
                    "dev.hearth.web.admin..");

    @ArchTest
    static final ArchRule api = classes()
            .that()
            .resideInAPackage("dev.hearth.web.api..")
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(
                            "java..",
                            "jakarta..",
                            "org.eclipse.microprofile..",
                            "dev.hearth.scheduler.application..",
                            "dev.hearth.security..",
                            "dev.hearth.web.problem..",
                            "dev.hearth.web.api..")
                    .or(belongToAnyOf(
                            PolicyOverride.class,
                            LogDestination.class,
                            DestinationGuard.class,
                            AsyncSettings.class,
                            WholeJson.class)));

    @ArchTest
    static final ArchRule health = classes()
            .that()
            .resideInAPackage("dev.hearth.web.health..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "org.eclipse.microprofile.config..",
                    "org.eclipse.microprofile.health..",
                    "dev.hearth.domain.readiness..",
                    "dev.hearth.persistence.datasource..",
                    "dev.hearth.scheduler.application..",
                    "dev.hearth.security.setting..",
                    "dev.hearth.web.health..");

    @ArchTest
    static final ArchRule problem = classes()
            .that()
            .resideInAPackage("dev.hearth.web.problem..")
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(
                            "java..", "jakarta..", "org.eclipse.microprofile.openapi..", "dev.hearth.web.problem..")
                    .or(resideInAPackage("dev.hearth.scheduler.application..").and(assignableTo(Throwable.class)))
                    .or(belongToAnyOf(ProblemType.class)));
}
