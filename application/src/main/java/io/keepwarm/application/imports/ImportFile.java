package io.keepwarm.application.imports;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;

/**
 * A file to import, read: its format and its rows (people, or interactions). Which reader applies is decided by
 * the media type ({@code text/vcard} or {@code text/csv}) and, for CSV, by the header row.
 *
 * <p>The text must decode in its charset (the media type's {@code charset}, default UTF-8) without a single bad
 * byte; a byte-order mark is dropped. A file with more than {@link #MAX_ROWS} rows is refused whole, however empty
 * the rows (a CSV bomb of a million empty lines costs one pass and no memory beyond its text).
 */
public record ImportFile(ImportFormat format, List<ImportedPerson> people, List<ImportedTouch> touches) {

    /** More rows than any real export has (LinkedIn caps connections at 30,000). */
    public static final int MAX_ROWS = 50_000;

    public ImportFile {
        people = List.copyOf(people);
        touches = List.copyOf(touches);
    }

    public int rows() {
        return people.size() + touches.size();
    }

    /** Reads {@code body}, sent as {@code mediaType} with {@code charset} (null: UTF-8). */
    public static ImportFile read(byte[] body, String mediaType, String charset) {
        String text = decode(body, charset);
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (type.equals("text/vcard") || type.equals("text/x-vcard") || type.equals("text/directory")) {
            return new ImportFile(ImportFormat.VCARD, VCardContacts.read(text), List.of());
        }
        if (type.equals("text/csv")) {
            return CsvImports.read(text);
        }
        throw new UnreadableImport("send a file as text/csv (LinkedIn, keepwarm) or text/vcard, not " + mediaType);
    }

    static String decode(byte[] body, String charsetName) {
        if (body == null || body.length == 0) {
            throw new UnreadableImport("the file is empty");
        }
        Charset charset;
        try {
            charset = charsetName == null ? StandardCharsets.UTF_8 : Charset.forName(charsetName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnreadableImport("unknown charset " + charsetName);
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableImport("the file is not " + charset.name() + " text (a byte near offset "
                    + firstBadByte(body, charset) + " is not); export it as UTF-8, or name its charset in the "
                    + "Content-Type, e.g. text/csv; charset=windows-1252");
        }
        if (text.indexOf('\0') >= 0) {
            throw new UnreadableImport("the file holds NUL characters: it is not a text export");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int firstBadByte(byte[] body, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length + 16);
        decoder.decode(in, out, true);
        return in.position();
    }
}
