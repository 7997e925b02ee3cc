package dev.hearth.security.credential;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Makes the configured {@link TrustLevelTable} injectable. */
@ApplicationScoped
public class TrustLevels {

    @Produces
    @Singleton
    public TrustLevelTable table(Config config) {
        return TrustLevelTable.read(name -> config.getOptionalValue(name, String.class));
    }
}
