package dev.hearth.persistence.datasource;

import java.util.Optional;

/** The database of the persistence unit, decided by {@value #JNDI_NAME_SETTING}. */
public sealed interface DataSourceChoice {

    /** The setting that names the server's JDBC resource, e.g. {@code jdbc/hearth}. */
    String JNDI_NAME_SETTING = "hearth.datasource.jndi-name";

    /** The EAR's own H2 database under the domain's folder: fine to try Hearth, not to keep data. */
    record Embedded() implements DataSourceChoice {}

    /** A JDBC resource the administrator made, looked up by its JNDI name. */
    record ServerResource(String jndiName) implements DataSourceChoice {}

    /** A blank name counts as none: asadmin cannot unset a property, only blank it. */
    static DataSourceChoice of(Optional<String> jndiName) {
        return jndiName.map(String::strip)
                .filter(name -> !name.isEmpty())
                .<DataSourceChoice>map(ServerResource::new)
                .orElseGet(Embedded::new);
    }
}
