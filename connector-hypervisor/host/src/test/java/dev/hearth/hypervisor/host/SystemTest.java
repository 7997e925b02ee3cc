package dev.hearth.hypervisor.host;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test of the agent on this host as it runs in production: as root, with cgroup v1, namespaces,
 * real containers or VMs. Runs in the {@code verify} phase ({@code ./hearth test}), not in {@code
 * ./mvnw test}, which stays fast and runs without root.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("system")
public @interface SystemTest {}
