package dev.hearth.hypervisor.adapter;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.hearth.hypervisor.api.HostAgentException;
import jakarta.resource.ResourceException;

/** What each package-info of the resource adapter says it may depend on: nothing of the application. */
@AnalyzeClasses(packages = "dev.hearth.hypervisor.adapter", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule resourceAdapter = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.adapter")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.resource..",
                    "javax.transaction.xa..",
                    "jakarta.json.bind..",
                    "dev.hearth.hypervisor.api",
                    "dev.hearth.protocol.wire..",
                    "dev.hearth.hypervisor.adapter",
                    "dev.hearth.hypervisor.adapter.inbound..",
                    "dev.hearth.hypervisor.adapter.settings..",
                    "dev.hearth.hypervisor.adapter.transport..");

    @ArchTest
    static final ArchRule outbound = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.adapter.outbound..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.resource..",
                    "javax.naming..",
                    "javax.security.auth..",
                    "javax.transaction.xa..",
                    "jakarta.json.bind..",
                    "dev.hearth.hypervisor.api",
                    "dev.hearth.protocol.wire..",
                    "dev.hearth.hypervisor.adapter.outbound..",
                    "dev.hearth.hypervisor.adapter.settings..",
                    "dev.hearth.hypervisor.adapter.transport..");

    @ArchTest
    static final ArchRule settings = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.adapter.settings..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..", "org.eclipse.microprofile.config..", "dev.hearth.hypervisor.adapter.settings..");

    @ArchTest
    static final ArchRule inbound = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.adapter.inbound..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.resource..",
                    "javax.transaction.xa..",
                    "dev.hearth.hypervisor.api",
                    "dev.hearth.protocol.wire..",
                    "dev.hearth.hypervisor.adapter.inbound..",
                    "dev.hearth.hypervisor.adapter.transport..");

    @ArchTest
    static final ArchRule transport = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.adapter.transport..")
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(
                            "java..",
                            "javax.net.ssl..",
                            "javax.security.auth.x500..",
                            "jakarta.json",
                            "jakarta.json.bind..",
                            "dev.hearth.protocol.wire..",
                            "dev.hearth.hypervisor.adapter.transport..")
                    .or(belongToAnyOf(HostAgentException.class, ResourceException.class)));
}
