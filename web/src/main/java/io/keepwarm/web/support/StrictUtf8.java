package io.keepwarm.web.support;

import io.keepwarm.web.error.MalformedText;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * UTF-8 as RFC 3629 defines it, and nothing looser: the JDK's decoder set to report, not replace, what is not
 * UTF-8. It refuses overlong forms ({@code C0 AF} would otherwise read as {@code /}), encoded surrogates, bytes
 * past U+10FFFF and truncated sequences. Jackson's own UTF-8 reader is lenient about overlong forms, so bodies
 * are checked here as they stream in ({@link Checker}), and query strings before anything reads them.
 */
public final class StrictUtf8 {

    private StrictUtf8() {}

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The text, or empty when the bytes are not well-formed UTF-8. */
    public static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(decoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * One {@code application/x-www-form-urlencoded} component ({@code %XX} escapes and {@code +} for a space)
     * decoded to text, or empty when an escape is broken or the bytes it gives are not UTF-8.
     */
    public static Optional<String> decodeQueryComponent(String component) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                if (i + 2 >= component.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(component.charAt(i + 1), 16);
                int low = Character.digit(component.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // Tomcat hands the query string over as ISO-8859-1: each char is one byte as received.
                bytes.write(c & 0xFF);
            }
        }
        return decode(bytes.toByteArray());
    }

    /**
     * Checks a byte stream chunk by chunk: {@link #check} with each chunk as it is read, {@link #finish} at its end.
     * A sequence split across chunks is carried over to the next one.
     */
    static final class Checker {

        private final CharsetDecoder decoder = decoder();
        private ByteBuffer carried = ByteBuffer.allocate(0);
        private CharBuffer scratch = CharBuffer.allocate(0);

        void check(byte[] buffer, int offset, int length) throws MalformedText {
            ByteBuffer in = ByteBuffer.allocate(carried.remaining() + length);
            in.put(carried).put(buffer, offset, length).flip();
            decode(in, false);
            carried = in.slice();
        }

        void finish() throws MalformedText {
            decode(carried, true);
            carried = ByteBuffer.allocate(0);
        }

        private void decode(ByteBuffer in, boolean endOfInput) throws MalformedText {
            if (scratch.capacity() < in.remaining()) {
                scratch = CharBuffer.allocate(in.remaining());
            }
            scratch.clear();
            CoderResult result = decoder.decode(in, scratch, endOfInput);
            if (result.isError()) {
                throw new MalformedText();
            }
            if (endOfInput && (in.hasRemaining() || decoder.flush(scratch).isError())) {
                throw new MalformedText();
            }
        }
    }
}
