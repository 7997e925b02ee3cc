package dev.hearth.scheduler.application;

import dev.hearth.domain.metering.Retention;

/** How long activation records are kept, as admins set it. */
public interface RetentionSettingsRepository {

    /** The retention, or {@link Retention#DEFAULT} until an admin changes it. */
    Retention retention();

    void save(Retention retention);
}
