package dev.hearth.it;

/** The test environment's settings: system properties that failsafe (src/it/pom.xml) or {@link PayaraPorts} set. */
final class ItSettings {

    private ItSettings() {}

    /** The property's value; its absence means the tests do not run through Maven (`./mvnw verify`). */
    static String required(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name
                    + " is not set: src/it/pom.xml sets it from hearth.properties (run the tests with ./mvnw verify)");
        }
        return value;
    }
}
