package dev.hearth.manifest;

import dev.hearth.domain.function.ArchiveListing;
import dev.hearth.domain.function.ManifestRules;
import dev.hearth.domain.function.ManifestVerdict;
import dev.hearth.domain.function.RawManifest;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.protocol.archive.ArchiveLimits;
import dev.hearth.protocol.archive.CodeArchive;
import dev.hearth.protocol.archive.InvalidArchiveException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Judges an upload: the archive (safe to unpack, within the limits), its {@code hearth.json} at the
 * root (its shape), then the manifest's meaning ({@link ManifestRules}) against the archive's files.
 */
public final class UploadRules {

    private UploadRules() {}

    /** {@code guard}: judges egress destinations (the server's knows the allowed private networks). */
    public static UploadVerdict judge(String functionName, byte[] archive, DestinationGuard guard) {
        CodeArchive code;
        try {
            code = CodeArchive.read(archive, ArchiveLimits.DEFAULT);
        } catch (InvalidArchiveException e) {
            return new UploadVerdict.Rejected(e.problems());
        }
        Optional<byte[]> manifestJson = code.file(ManifestRules.MANIFEST_FILE);
        if (manifestJson.isEmpty()) {
            return new UploadVerdict.Rejected(
                    List.of("the archive has no " + ManifestRules.MANIFEST_FILE + " at its root"));
        }
        RawManifest raw;
        try {
            raw = JsonManifest.read(manifestJson.get());
        } catch (JsonManifest.InvalidManifest e) {
            return new UploadVerdict.Rejected(e.problems());
        }
        ArchiveListing listing = new ArchiveListing(
                code.files(), code.files().stream().filter(code::executable).collect(Collectors.toSet()));
        ManifestVerdict verdict = ManifestRules.validate(functionName, raw, listing, guard);
        if (verdict instanceof ManifestVerdict.Rejected rejected) {
            return new UploadVerdict.Rejected(rejected.problems());
        }
        return new UploadVerdict.Accepted(code, ((ManifestVerdict.Accepted) verdict).manifest());
    }
}
