package io.keepwarm.web.error;

/** Thrown while reading a body that outgrew {@code keepwarm.max-request-bytes}; answered 413. */
public class BodyTooLarge extends RuntimeException {

    public BodyTooLarge(long maxBytes) {
        super("the request body is larger than " + maxBytes + " bytes");
    }
}
