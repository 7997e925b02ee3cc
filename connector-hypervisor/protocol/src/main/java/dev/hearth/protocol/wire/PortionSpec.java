package dev.hearth.protocol.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One portion of a function: {@code path} is the portion's folder inside the code package,
 * {@code handler} its entry point (for example {@code app.handler}), {@code trustLevel} either
 * {@code trusted} or {@code untrusted}. Its container sees only {@link #folders()} of the package:
 * its own folder and the {@code sharedPaths} the manifest declared; {@code environment} holds its
 * own variables, given to it alone (null or absent: none).
 */
public record PortionSpec(
        String name,
        String path,
        String handler,
        String trustLevel,
        Map<String, String> environment,
        List<String> sharedPaths) {

    /** A portion with no variables of its own and no shared folder. */
    public static PortionSpec of(String name, String path, String handler, String trustLevel) {
        return new PortionSpec(name, path, handler, trustLevel, null, null);
    }

    /** Its container's variables: the function's, given to every portion, then its own, which win. */
    public Map<String, String> environmentOver(Map<String, String> functionEnvironment) {
        Map<String, String> merged = new LinkedHashMap<>(functionEnvironment == null ? Map.of() : functionEnvironment);
        if (environment != null) {
            merged.putAll(environment);
        }
        return merged;
    }

    /** The folders of the package its container sees, as written: its own ({@code .} when absent), then the shared ones. */
    public List<String> folders() {
        List<String> folders = new ArrayList<>();
        folders.add(path == null ? "." : path);
        if (sharedPaths != null) {
            folders.addAll(sharedPaths);
        }
        return folders;
    }
}
