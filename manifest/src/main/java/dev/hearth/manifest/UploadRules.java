package dev.hearth.manifest;

import dev.hearth.domain.function.ArchiveListing;
import dev.hearth.domain.function.ManifestRules;
import dev.hearth.domain.function.ManifestVerdict;
import dev.hearth.domain.function.RawManifest;
import dev.hearth.domain.network.DestinationGuard;
import dev.hearth.protocol.archive.ArchiveIndex;
import dev.hearth.protocol.archive.ArchiveLimits;
import dev.hearth.protocol.archive.CodeArchive;
import dev.hearth.protocol.archive.InvalidArchiveException;
import java.util.List;
import java.util.Optional;

/**
 * Judges an upload: the archive (safe to unpack, within the limits), its {@code hearth.json} at the
 * root (its shape), then the manifest's meaning ({@link ManifestRules}) against the archive's files.
 * The archive is indexed, not unpacked in memory: only its paths, executable bits and manifest are
 * kept, so that judging an upload takes little more memory than the upload's own bytes.
 */
public final class UploadRules {

    private UploadRules() {}

    /** {@code guard}: judges egress destinations (the server's knows the allowed private networks). */
    public static UploadVerdict judge(String functionName, byte[] archive, DestinationGuard guard) {
        ArchiveIndex code;
        try {
            code = CodeArchive.index(
                    archive, ArchiveLimits.DEFAULT, ManifestRules.MANIFEST_FILE, JsonManifest.MAX_MANIFEST_BYTES);
        } catch (InvalidArchiveException e) {
            return new UploadVerdict.Rejected(e.problems());
        }
        Optional<byte[]> manifestJson = code.keptFile();
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
        ArchiveListing listing = new ArchiveListing(code.files(), code.executables());
        ManifestVerdict verdict = ManifestRules.validate(functionName, raw, listing, guard);
        if (verdict instanceof ManifestVerdict.Rejected rejected) {
            return new UploadVerdict.Rejected(rejected.problems());
        }
        return new UploadVerdict.Accepted(code, ((ManifestVerdict.Accepted) verdict).manifest());
    }
}
