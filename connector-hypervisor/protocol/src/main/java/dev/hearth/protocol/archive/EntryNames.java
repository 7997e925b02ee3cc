package dev.hearth.protocol.archive;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which characters an entry name may hold: only those a user sees as they are. Control characters,
 * bidirectional controls (which make {@code gpj.exe} look like {@code exe.jpg}), other invisible
 * formatting characters, spaces other than U+0020, unassigned and private-use code points, and the
 * replacement character that stands for bytes which are not UTF-8 are refused. The same rule
 * escapes names for problem messages, so that a message carries none of these characters itself.
 */
final class EntryNames {

    private static final int MAX_SHOWN_CODE_POINTS = 200;

    private EntryNames() {}

    /** Why {@code name} may not be an entry name, or empty when every character is acceptable. */
    static Optional<String> characterProblem(String name) {
        return name.codePoints()
                .filter(c -> !visible(c))
                .mapToObj(c -> "has " + kind(c) + " (" + escape(c) + ") in its name")
                .findFirst();
    }

    /**
     * A name's bytes as UTF-8; each malformed sequence becomes U+FFFD, which
     * {@link #characterProblem} refuses, so that two different byte names never read alike.
     */
    static String decodeUtf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith("\uFFFD")
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder reports no errors", e);
        }
    }

    /**
     * {@code text} on one line as a user can read it: each refused character written as
     * {@code \}{@code uXXXX} (a backslash as two), cut after 200 characters.
     */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < codePoints.length && i < MAX_SHOWN_CODE_POINTS; i++) {
            int c = codePoints[i];
            if (c == '\\') {
                shown.append("\\\\");
            } else if (visible(c)) {
                shown.appendCodePoint(c);
            } else {
                shown.append(escape(c));
            }
        }
        if (codePoints.length > MAX_SHOWN_CODE_POINTS) {
            shown.append('…');
        }
        return shown.toString();
    }

    private static boolean visible(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> c != '\uFFFD' && !invisibleLetterOrMark(c);
        };
    }

    /** Default-ignorable code points that Unicode classes as letters or marks: they show nothing. */
    private static boolean invisibleLetterOrMark(int c) {
        return c == 0x034F // combining grapheme joiner
                || c == 0x115F
                || c == 0x1160
                || c == 0x3164
                || c == 0xFFA0 // Hangul fillers
                || c == 0x17B4
                || c == 0x17B5 // Khmer inherent vowels
                || (c >= 0x180B && c <= 0x180F) // Mongolian free variation selectors
                || (c >= 0xFE00 && c <= 0xFE0F)
                || (c >= 0xE0100 && c <= 0xE01EF); // variation selectors
    }

    private static String kind(int c) {
        if (c == '\uFFFD') {
            return "bytes that are not UTF-8";
        }
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C) {
            return "a bidirectional control character";
        }
        if (Character.getType(c) == Character.CONTROL) {
            return "a control character";
        }
        return "an invisible or unassigned character";
    }

    private static String escape(int c) {
        return c <= 0xFFFF ? String.format("\\u%04X", c) : String.format("\\u{%X}", c);
    }
}
