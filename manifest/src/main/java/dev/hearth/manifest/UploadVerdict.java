package dev.hearth.manifest;

import dev.hearth.domain.function.FunctionManifest;
import dev.hearth.protocol.archive.ArchiveIndex;
import java.util.List;

/** What {@link UploadRules#judge} decided of an upload. */
public sealed interface UploadVerdict {

    /** The archive as checked and indexed, and its manifest as the rules accepted it. */
    record Accepted(ArchiveIndex code, FunctionManifest manifest) implements UploadVerdict {}

    /** Every problem found, one line each, for the owner to fix at once. */
    record Rejected(List<String> problems) implements UploadVerdict {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}
