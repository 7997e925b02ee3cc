package dev.hearth.hypervisor.host.driver;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Makes one kind of instance driver; the agent finds them through {@link ServiceLoader} ({@code
 * META-INF/services}), so that adding a driver changes no code of the agent's.
 */
public interface DriverFactory {

    /** The driver's name, as {@code --drivers} and {@code GET /v1/agent} say it, e.g. {@code qemu}. */
    String name();

    /** The isolation its instances give, as {@code CreateInstanceRequest.isolation} names it, e.g. {@code vm}. */
    String isolation();

    /**
     * Makes the driver, its files under {@code stateDir}, its instances' {@code /usr} the runtime
     * image's {@code imageUsr}; {@code settings} is the agent's, of which
     * the driver reads the part it declares (an interface of its own package that the agent's
     * settings implement). Fails with one line naming what is missing.
     */
    InstanceDriver create(Path stateDir, Path imageUsr, DriverSettings settings, EventSink events)
            throws DriverException;

    /** The drivers this agent has, by name, in the order their factories are declared. */
    static Map<String, DriverFactory> available() {
        Map<String, DriverFactory> factories = new LinkedHashMap<>();
        ServiceLoader.load(DriverFactory.class).forEach(factory -> factories.put(factory.name(), factory));
        return factories;
    }
}
