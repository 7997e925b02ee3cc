package dev.hearth.domain.function;

import java.util.Set;

/**
 * What the manifest rules need to know of a code archive: the paths of its regular files
 * ({@code a/b.py}, no leading {@code ./} or {@code /}) and which of them are executable.
 */
public record ArchiveListing(Set<String> files, Set<String> executables) {

    public ArchiveListing {
        files = Set.copyOf(files);
        executables = Set.copyOf(executables);
    }

    public boolean hasFile(String path) {
        return files.contains(path);
    }

    public boolean isExecutable(String path) {
        return executables.contains(path);
    }

    /** Whether {@code folder} ({@code .} for the root) holds at least one file. */
    public boolean hasFolder(String folder) {
        if (folder.equals(".")) {
            return !files.isEmpty();
        }
        String prefix = folder + "/";
        return files.stream().anyMatch(f -> f.startsWith(prefix));
    }
}
