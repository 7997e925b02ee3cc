package dev.hearth.hypervisor.host.code;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Code packages for tests: a zip of one {@code app.py}, stored. */
public final class CodePackages {

    private CodePackages() {}

    /** Stores a package whose {@code app.py} holds the comment {@code text}; returns its SHA-256. */
    public static String store(CodeStore store, String text) throws Exception {
        byte[] archive = archive(text);
        String sha = sha256(archive);
        store.store(sha, archive);
        return sha;
    }

    /** A package whose {@code app.py} holds the comment {@code text}. */
    public static byte[] archive(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("app.py"));
            zip.write(("# " + text + "\n").getBytes(UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    public static String sha256(byte[] archive) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
    }
}
