package dev.hearth.scheduler.application;

import dev.hearth.domain.function.RawManifest;

/** Turns the bytes of a {@code hearth.json} into the manifest as written. */
public interface ManifestReader {

    /** @throws HearthException INVALID_CODE: the bytes are not a JSON object of the expected shape */
    RawManifest read(byte[] manifest);
}
