package dev.hearth.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Code archives as users build them: examples zipped, and hostile ones made on purpose. */
final class Archives {

    static final Path EXAMPLES = Path.of(System.getProperty("hearth.examples", "../../examples"));

    /** One untrusted python3 portion at the root, {@code app.handler}: valid JSON, a handler to add. */
    static final String MANIFEST =
            """
            {"runtime": "python3", "entryPortion": "main",
             "portions": [{"name": "main", "path": ".", "handler": "app.handler", "trustLevel": "untrusted"}]}
            """;

    private Archives() {}

    /** An example folder zipped as a user would ({@code cd examples/X && zip -r ../X.zip .}). */
    static byte[] example(String name) {
        Path root = EXAMPLES.resolve(name);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                files.put(root.relativize(path).toString(), Files.readAllBytes(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip(files, List.of("bootstrap"));
    }

    /** A zip of the given entries; entries named in {@code executables} get mode 0755. */
    static byte[] zip(Map<String, byte[]> entries, List<String> executables) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
                zipEntry.setUnixMode(executables.contains(entry.getKey()) ? 0100755 : 0100644);
                zip.putArchiveEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One trusted portion that POSTs {@code {}} to the event's {@code url}, with the given egress allow-list. */
    static byte[] trustedFetcher(String egress) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "hearth.json",
                "{\"runtime\": \"python3\", \"portions\": [{\"name\": \"fetch\", \"path\": \"fetch\","
                        + " \"handler\": \"app.handler\", \"trustLevel\": \"trusted\"}],"
                        + " \"policy\": {\"memoryMb\": 64, \"egress\": " + egress + "}}");
        files.put(
                "fetch/app.py",
                "import urllib.request\n\ndef handler(event, context):\n"
                        + "    return {\"status\": urllib.request.urlopen(event[\"url\"], data=b\"{}\", timeout=5).status}\n");
        return zipOfText(files);
    }

    static byte[] zipOfText(Map<String, String> entries) {
        Map<String, byte[]> binary = new LinkedHashMap<>();
        entries.forEach((name, text) -> binary.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return zip(binary, List.of());
    }

    /**
     * A zip whose names are written in ISO-8859-1 without the UTF-8 flag, as old tools did: a name
     * with a character from U+0080 to U+00FF is then not valid UTF-8.
     */
    static byte[] zipWithLatin1Names(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setEncoding("ISO-8859-1");
            zip.setUseLanguageEncodingFlag(false);
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A tar.gz holding a manifest and a symbolic link that points out of the archive. */
    static byte[] tarGzWithLinkOut(String manifest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            byte[] text = manifest.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("hearth.json");
            file.setSize(text.length);
            tar.putArchiveEntry(file);
            tar.write(text);
            tar.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("app.py", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/shadow");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip bomb: one entry of {@code megabytes} zero bytes, compressing about a thousandfold. */
    static byte[] zipBomb(String manifest, int megabytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("hearth.json"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("app.py"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A bomb that passes the compression ratio (at most 100): 1 MiB of random bytes lets two 49 MiB
     * runs of zeros through, 99 MiB in a 1.1 MiB zip. {@code manifest} names no file it has.
     */
    static byte[] ratioBomb(String manifest) {
        byte[] random = new byte[1 << 20];
        new Random(51).nextBytes(random);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("hearth.json", manifest.getBytes(StandardCharsets.UTF_8));
        entries.put("random.bin", random);
        entries.put("zeros-1.bin", new byte[49 << 20]);
        entries.put("zeros-2.bin", new byte[49 << 20]);
        return zip(entries, List.of());
    }
}
