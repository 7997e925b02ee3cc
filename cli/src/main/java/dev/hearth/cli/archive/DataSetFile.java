package dev.hearth.cli.archive;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code jobs start} uploads: a data set file sent as it is, its media type told by its name's
 * ending: JSON lines ({@code .jsonl}, {@code .ndjson}, {@code .json}) or an archive of JSON-lines
 * files ({@code .tar.gz}, {@code .tgz}, {@code .zip}).
 *
 * @param archive the archive's type; empty for JSON lines
 */
public record DataSetFile(byte[] bytes, String mediaType, Optional<ArchiveType> archive) {

    /** JSON lines as they stand (the server's {@code BulkJobService.NDJSON}). */
    public static final String JSON_LINES = "application/x-ndjson";

    private static final List<String> JSON_LINES_ENDINGS = List.of(".jsonl", ".ndjson", ".json");

    public static DataSetFile of(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new CliFailure(ExitCode.USAGE, "no-such-file", path + " is no file");
        }
        String name = path.getFileName().toString();
        if (JSON_LINES_ENDINGS.stream().anyMatch(name::endsWith)) {
            return new DataSetFile(FunctionArchive.bytes(path), JSON_LINES, Optional.empty());
        }
        ArchiveType type = ArchiveType.of(name)
                .orElseThrow(() -> new CliFailure(
                        ExitCode.USAGE,
                        "not-a-data-set",
                        path + ": give JSON lines (.jsonl, .ndjson, .json), a .tar.gz (.tgz) or a .zip"
                                + " of JSON-lines files"));
        return new DataSetFile(FunctionArchive.bytes(path), type.mediaType(), Optional.of(type));
    }
}
