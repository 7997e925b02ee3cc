package dev.hearth.hypervisor.host;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.hearth.domain.function.EgressDestination;
import dev.hearth.domain.function.TrustLevel;
import dev.hearth.domain.rules.Limits;
import dev.hearth.hypervisor.host.sandbox.IdleContainers;
import dev.hearth.hypervisor.host.sandbox.SeccompFilter;

/**
 * What each package-info of the host agent says it may depend on. JSON-P is {@code jakarta.json}
 * without its {@code bind} part (JSON-B).
 */
@AnalyzeClasses(packages = "dev.hearth.hypervisor.host", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageContractsTest {

    @ArchTest
    static final ArchRule agentRunsWithoutAnApplicationServer = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "javax.net.ssl..",
                    "com.sun.net.httpserver..",
                    "jakarta.json..",
                    "dev.hearth.protocol.wire..",
                    "dev.hearth.protocol.archive..",
                    "dev.hearth.protocol.host..",
                    "dev.hearth.domain.network..",
                    "dev.hearth.domain.rules..",
                    "dev.hearth.domain.function..",
                    "dev.hearth.hypervisor.host..");

    @ArchTest
    static final ArchRule daemon = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.protocol.wire..", "dev.hearth.hypervisor.host..");

    @ArchTest
    static final ArchRule code = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host.code..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.protocol.archive..", "dev.hearth.hypervisor.host.code..");

    @ArchTest
    static final ArchRule driver = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host.driver..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "dev.hearth.protocol.wire..",
                    "dev.hearth.hypervisor.host.driver..",
                    "dev.hearth.hypervisor.host.runtimeapi..");

    @ArchTest
    static final ArchRule egress = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host.egress..")
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(
                            "java..",
                            "dev.hearth.domain.network..",
                            "dev.hearth.hypervisor.host.threads..",
                            "dev.hearth.hypervisor.host.egress..")
                    .or(belongToAnyOf(EgressDestination.class, Limits.class)));

    @ArchTest
    static final ArchRule events = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host.events..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "dev.hearth.protocol.wire..",
                    "dev.hearth.hypervisor.host.driver..",
                    "dev.hearth.hypervisor.host.events..");

    @ArchTest
    static final ArchRule http = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host.http..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "javax.net.ssl..",
                    "com.sun.net.httpserver..",
                    "jakarta.json",
                    "jakarta.json.bind..",
                    "dev.hearth.protocol.wire..",
                    "dev.hearth.protocol.archive..",
                    "dev.hearth.hypervisor.host.instances..",
                    "dev.hearth.hypervisor.host.code..",
                    "dev.hearth.hypervisor.host.events..",
                    "dev.hearth.hypervisor.host.http..");

    @ArchTest
    static final ArchRule instances = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host.instances..")
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(
                            "java..",
                            "dev.hearth.protocol.wire..",
                            "dev.hearth.hypervisor.host.driver..",
                            "dev.hearth.hypervisor.host.code..",
                            "dev.hearth.hypervisor.host.egress..",
                            "dev.hearth.domain.network..",
                            "dev.hearth.domain.rules..",
                            "dev.hearth.hypervisor.host.instances..")
                    .or(belongToAnyOf(TrustLevel.class, EgressDestination.class)));

    @ArchTest
    static final ArchRule qemu = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host.qemu..")
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(
                            "java..",
                            "jakarta.json",
                            "jakarta.json.spi..",
                            "jakarta.json.stream..",
                            "dev.hearth.protocol.wire..",
                            "dev.hearth.hypervisor.host.code..",
                            "dev.hearth.hypervisor.host.driver..",
                            "dev.hearth.hypervisor.host.runtimeapi..",
                            "dev.hearth.hypervisor.host.threads..",
                            "dev.hearth.hypervisor.host.qemu..")
                    .or(belongToAnyOf(SeccompFilter.class, IdleContainers.class)));

    @ArchTest
    static final ArchRule runtimeApi = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host.runtimeapi..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.json",
                    "jakarta.json.spi..",
                    "jakarta.json.stream..",
                    "dev.hearth.hypervisor.host.threads..",
                    "dev.hearth.hypervisor.host.runtimeapi..");

    @ArchTest
    static final ArchRule sandbox = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host.sandbox..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "jakarta.json",
                    "jakarta.json.spi..",
                    "jakarta.json.stream..",
                    "dev.hearth.protocol.wire..",
                    "dev.hearth.hypervisor.host.code..",
                    "dev.hearth.hypervisor.host.driver..",
                    "dev.hearth.hypervisor.host.runtimeapi..",
                    "dev.hearth.hypervisor.host.egress..",
                    "dev.hearth.hypervisor.host.threads..",
                    "dev.hearth.domain.network..",
                    "dev.hearth.protocol.host..",
                    "dev.hearth.hypervisor.host.sandbox..");

    @ArchTest
    static final ArchRule threads = classes()
            .that()
            .resideInAPackage("dev.hearth.hypervisor.host.threads..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hearth.hypervisor.host.threads..");

    @ArchTest
    static final ArchRule packagesFormNoCycle =
            slices().matching("dev.hearth.hypervisor.host.(*)..").should().beFreeOfCycles();
}
