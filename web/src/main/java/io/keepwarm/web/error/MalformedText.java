package io.keepwarm.web.error;

import java.nio.charset.CharacterCodingException;

/**
 * A request body that is not well-formed UTF-8: an overlong form ({@code C0 AF} for {@code /}), a surrogate, a
 * truncated or stray byte. Thrown while the body is read, so it reaches {@link ProblemHandling} wrapped in the
 * message converter's error; answered 400 naming {@code body}.
 */
public class MalformedText extends CharacterCodingException {

    @Override
    public String getMessage() {
        return "is not valid UTF-8 (overlong or malformed byte sequences are refused)";
    }
}
