package dev.hearth.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The real EAR that the build produced, deployed unchanged (its name makes the application "hearth"). */
final class HearthDeployment {

    private HearthDeployment() {}

    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("hearth.ear", "../../ear/target/hearth.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
