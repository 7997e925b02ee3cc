package dev.hearth.security.credential;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table from trust level to credential, read from configuration (MicroProfile Config):
 *
 * <pre>
 * hearth.trust-levels=trusted,untrusted
 * hearth.trust-level.trusted.client=hearth-api
 * hearth.trust-level.trusted.audience=hearth-aux
 * hearth.trust-level.trusted.scopes=logs:write,metrics:write,kv:read,kv:write
 * </pre>
 *
 * A level without a {@code client} gets no credential ({@code untrusted}). More levels are more
 * names in {@code hearth.trust-levels} with their own three properties.
 */
public final class TrustLevelTable {

    public static final String LEVELS = "hearth.trust-levels";

    private final Map<String, Optional<CredentialProfile>> profiles;

    public TrustLevelTable(Map<String, Optional<CredentialProfile>> profiles) {
        this.profiles = Map.copyOf(profiles);
    }

    /**
     * @param property a configuration property by name, empty when it is not set
     * @throws IllegalArgumentException a level names a client but no audience or scopes
     */
    public static TrustLevelTable read(Function<String, Optional<String>> property) {
        Map<String, Optional<CredentialProfile>> profiles = new LinkedHashMap<>();
        for (String level : list(property.apply(LEVELS).orElse(""))) {
            String prefix = "hearth.trust-level." + level + ".";
            Optional<String> client = property.apply(prefix + "client").filter(c -> !c.isBlank());
            if (client.isEmpty()) {
                profiles.put(level, Optional.empty());
                continue;
            }
            String audience = property.apply(prefix + "audience")
                    .filter(a -> !a.isBlank())
                    .orElseThrow(() -> new IllegalArgumentException(prefix + "audience is missing"));
            Set<String> scopes =
                    Set.copyOf(list(property.apply(prefix + "scopes").orElse("")));
            if (scopes.isEmpty()) {
                throw new IllegalArgumentException(prefix + "scopes is missing");
            }
            profiles.put(level, Optional.of(new CredentialProfile(client.get(), audience, scopes)));
        }
        return new TrustLevelTable(profiles);
    }

    /** The level's credential, or empty for a level that gets none or that the table does not know. */
    public Optional<CredentialProfile> profile(String trustLevel) {
        return profiles.getOrDefault(trustLevel, Optional.empty());
    }

    public Set<String> levels() {
        return profiles.keySet();
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split("[,\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }
}
