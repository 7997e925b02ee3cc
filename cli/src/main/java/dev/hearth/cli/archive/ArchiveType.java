package dev.hearth.cli.archive;

import java.util.List;
import java.util.Optional;

/** The archives Hearth takes, a function's code or a job's data set, known by their file names' endings. */
public enum ArchiveType {
    ZIP("application/zip", ".zip"),
    TAR_GZ("application/gzip", ".tar.gz", ".tgz");

    private final String mediaType;
    private final List<String> endings;

    ArchiveType(String mediaType, String... endings) {
        this.mediaType = mediaType;
        this.endings = List.of(endings);
    }

    /** What the server is told the upload is ({@code Content-Type}). */
    public String mediaType() {
        return mediaType;
    }

    /** The type whose ending the file name has. */
    public static Optional<ArchiveType> of(String fileName) {
        for (ArchiveType type : values()) {
            if (type.ending(fileName).isPresent()) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The file name without the ending of its type; a name of no type as it is. */
    public static String stem(String fileName) {
        return of(fileName)
                .flatMap(type -> type.ending(fileName))
                .map(ending -> fileName.substring(0, fileName.length() - ending.length()))
                .orElse(fileName);
    }

    private Optional<String> ending(String fileName) {
        return endings.stream().filter(fileName::endsWith).findFirst();
    }
}
