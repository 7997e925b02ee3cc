package dev.hearth.scheduler;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.hearth.scheduler.application.SecretCipher;

/**
 * What each package-info of the scheduler says it may depend on, and its hexagon
 * (docs/architecture.md): infrastructure implements the application's ports, one technology each,
 * and nothing inward depends on it. "EJB and CDI" are {@code jakarta.annotation}, {@code
 * jakarta.ejb}, {@code jakarta.enterprise} and {@code jakarta.inject}.
 */
@AnalyzeClasses(packages = "dev.hearth.scheduler", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule application = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.application..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.annotation..",
                    "jakarta.ejb..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "jakarta.json",
                    "jakarta.json.spi..",
                    "jakarta.json.stream..",
                    "jakarta.transaction..",
                    "org.eclipse.microprofile.config..",
                    "dev.hearth.domain..",
                    "dev.hearth.persistence..",
                    "dev.hearth.scheduler.pool..",
                    "dev.hearth.protocol.archive..",
                    "dev.hearth.protocol.host..",
                    "dev.hearth.protocol.wire.json..",
                    "dev.hearth.manifest..",
                    "dev.hearth.security..",
                    "dev.hearth.scheduler.application..");

    @ArchTest
    static final ArchRule pool = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.pool..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.annotation..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "jakarta.transaction..",
                    "dev.hearth.domain..",
                    "dev.hearth.scheduler.pool..");

    @ArchTest
    static final ArchRule hypervisorGateway = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.infrastructure.hypervisor..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.annotation..",
                    "jakarta.ejb..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "dev.hearth.scheduler.application..",
                    "dev.hearth.scheduler.pool..",
                    "dev.hearth.domain..",
                    "dev.hearth.hypervisor.api",
                    "dev.hearth.protocol.wire..",
                    "dev.hearth.scheduler.infrastructure.hypervisor..");

    @ArchTest
    static final ArchRule logShipping = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.infrastructure.logging..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "javax.net..",
                    "jakarta.annotation..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "jakarta.json",
                    "jakarta.json.spi..",
                    "jakarta.json.stream..",
                    "dev.hearth.scheduler.application..",
                    "dev.hearth.domain..",
                    "dev.hearth.scheduler.infrastructure.logging..");

    @ArchTest
    static final ArchRule metrics = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.infrastructure.metrics..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "org.eclipse.microprofile.metrics..",
                    "dev.hearth.scheduler.application..",
                    "dev.hearth.scheduler.pool..",
                    "dev.hearth.domain..",
                    "dev.hearth.scheduler.infrastructure.metrics..");

    @ArchTest
    static final ArchRule repositories = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.infrastructure.persistence..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.annotation..",
                    "jakarta.ejb..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "jakarta.persistence..",
                    "dev.hearth.scheduler.application..",
                    "dev.hearth.scheduler.pool..",
                    "dev.hearth.persistence..",
                    "dev.hearth.domain..",
                    "dev.hearth.scheduler.infrastructure.persistence..");

    @ArchTest
    static final ArchRule activationArchives = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.infrastructure.archive..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.enterprise..",
                    "jakarta.json",
                    "org.apache.commons.compress..",
                    "dev.hearth.scheduler.application..",
                    "dev.hearth.persistence",
                    "dev.hearth.scheduler.infrastructure.archive..");

    @ArchTest
    static final ArchRule batchJobs = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.infrastructure.batch..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.batch..",
                    "jakarta.ejb..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "dev.hearth.scheduler.application..",
                    "dev.hearth.persistence..",
                    "dev.hearth.scheduler.infrastructure.batch..");

    @ArchTest
    static final ArchRule secretEncryption = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.infrastructure.secrets..")
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(
                            "java..",
                            "javax.crypto..",
                            "jakarta.enterprise..",
                            "jakarta.inject..",
                            "org.eclipse.microprofile.config..",
                            "dev.hearth.security.setting..",
                            "dev.hearth.scheduler.infrastructure.secrets..")
                    .or(belongToAnyOf(SecretCipher.class)));

    @ArchTest
    static final ArchRule dataGrid = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.infrastructure.datagrid..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.annotation..",
                    "jakarta.enterprise..",
                    "jakarta.inject..",
                    "com.hazelcast.cluster..",
                    "com.hazelcast.core..",
                    "com.hazelcast.map..",
                    "com.hazelcast.topic..",
                    "dev.hearth.scheduler.application..",
                    "dev.hearth.scheduler.pool",
                    "dev.hearth.domain..",
                    "dev.hearth.scheduler.infrastructure.datagrid..");

    @ArchTest
    static final ArchRule onlyTheDataGridAdapterSeesHazelcast = noClasses()
            .that()
            .resideOutsideOfPackage("dev.hearth.scheduler.infrastructure.datagrid..")
            .should()
            .dependOnClassesThat(resideInAPackage("com.hazelcast.."));

    @ArchTest
    static final ArchRule nothingInwardDependsOnInfrastructure = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("infrastructure")
            .definedBy("dev.hearth.scheduler.infrastructure..")
            .layer("application")
            .definedBy("dev.hearth.scheduler.application..")
            .layer("pool")
            .definedBy("dev.hearth.scheduler.pool..")
            .whereLayer("infrastructure")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("application")
            .mayOnlyBeAccessedByLayers("infrastructure")
            .whereLayer("pool")
            .mayOnlyBeAccessedByLayers("application", "infrastructure");

    @ArchTest
    static final ArchRule adaptersDoNotKnowEachOther = slices().matching("dev.hearth.scheduler.infrastructure.(*)..")
            .should()
            .notDependOnEachOther();

    @ArchTest
    static final ArchRule onlyTheGatewaySeesTheConnectionInterfaces = noClasses()
            .that()
            .resideOutsideOfPackage("dev.hearth.scheduler.infrastructure.hypervisor..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.hearth.hypervisor.api").and(INTERFACES));

    @ArchTest
    static final ArchRule adaptersAreNamedAfterTheirTechnology = classes()
            .that()
            .resideInAPackage("dev.hearth.scheduler.infrastructure..")
            .should(beNamedTechnologyThenThePortTheyImplement());

    /** {@code JpaFunctionRepository} implements {@code FunctionRepository}; {@code DefaultLogShipper} names no technology. */
    private static ArchCondition<JavaClass> beNamedTechnologyThenThePortTheyImplement() {
        return new ArchCondition<>("be named <technology><port> for each port of the scheduler they implement") {
            @Override
            public void check(JavaClass adapter, ConditionEvents events) {
                for (JavaClass port : adapter.getRawInterfaces()) {
                    if (!port.getPackageName().startsWith("dev.hearth.scheduler.")) {
                        continue;
                    }
                    String name = adapter.getSimpleName();
                    String technology = name.endsWith(port.getSimpleName())
                            ? name.substring(
                                    0, name.length() - port.getSimpleName().length())
                            : "";
                    boolean named = !technology.isEmpty() && !technology.equals("Default");
                    events.add(new SimpleConditionEvent(
                            adapter,
                            named,
                            adapter.getName() + " implements " + port.getSimpleName()
                                    + (named ? " with technology " + technology : " but names no technology")));
                }
            }
        };
    }
}
