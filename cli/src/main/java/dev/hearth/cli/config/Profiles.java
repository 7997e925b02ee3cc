package dev.hearth.cli.config;

import dev.hearth.cli.CliFailure;
import dev.hearth.cli.ExitCode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The profiles in {@code profiles/NAME.properties} of the config folder ({@code api-url},
 * {@code realm-url}, {@code client-id}). A profile without a file is the quick start's Hearth.
 */
public final class Profiles {

    /** A profile's name is also a file name: no slash, no dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path folder;

    public Profiles(Path configDirectory) {
        this.folder = configDirectory.resolve("profiles");
    }

    public static String checkedName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new CliFailure(
                    ExitCode.USAGE,
                    "invalid-profile",
                    "'" + name + "' is not a profile name (letters, digits, '_' and '-', at most 64)");
        }
        return name;
    }

    public Profile load(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            return Profile.quickStart(name);
        }
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            values.load(reader);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "config", "cannot read " + file + ": " + e.getMessage());
        }
        return new Profile(
                name,
                uri(values, "api-url", Profile.QUICK_START_API, file),
                uri(values, "realm-url", Profile.QUICK_START_REALM, file),
                values.getProperty("client-id", Profile.DEFAULT_CLIENT));
    }

    public void save(Profile profile) {
        Properties values = new Properties();
        values.setProperty("api-url", profile.apiUrl().toString());
        values.setProperty("realm-url", profile.realmUrl().toString());
        values.setProperty("client-id", profile.clientId());
        Path file = file(profile.name());
        try {
            Files.createDirectories(folder);
            try (Writer writer = Files.newBufferedWriter(file)) {
                values.store(writer, "Hearth CLI profile " + profile.name());
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "config", "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The names of the profiles with a file, sorted. */
    public List<String> names() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".properties"))
                    .map(f -> f.substring(0, f.length() - ".properties".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CliFailure(ExitCode.FAILED, "config", "cannot list " + folder + ": " + e.getMessage());
        }
    }

    private Path file(String name) {
        return folder.resolve(checkedName(name) + ".properties");
    }

    private static URI uri(Properties values, String key, URI fallback, Path file) {
        String value = values.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return checkedUrl(value);
        } catch (CliFailure e) {
            throw new CliFailure(ExitCode.FAILED, "config", file + ": " + key + ": " + e.getMessage());
        }
    }

    /** An http or https URL, or a usage error. */
    public static URI checkedUrl(String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, as every other text that is no http(s) URL
        }
        throw new CliFailure(ExitCode.USAGE, "invalid-url", "'" + text + "' is not an http or https URL");
    }
}
