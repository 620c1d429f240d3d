package io.keepwarm.web.support;

import io.keepwarm.web.error.InvalidRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contact's ETag is its version in quotes, a strong validator. {@code If-Match} (RFC 9110 §13.1.1) is evaluated
 * with the strong comparison: {@code *} or a list of entity tags of which one must equal the current ETag. A weak
 * tag ({@code W/"4"}) never matches strongly, and a well-formed tag this API never issued ({@code "stale-0"}) never
 * matches at all: both are a 412. A header that is not an entity-tag list ({@code 5}, unquoted) is a 400.
 */
public final class ETags {

    /** The version a precondition can never match: the caller gets 412 (or 404 when there is no contact). */
    public static final long NO_VERSION_MATCHES = -1;

    /** One list member: {@code W/} optional, then a quoted opaque tag of RFC 9110's etagc characters. */
    private static final Pattern MEMBER = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"\\s*(,|$)");

    private static final Pattern VERSION = Pattern.compile("0|[1-9][0-9]{0,17}");

    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header demands, for the command to check atomically: null when there is no
     * precondition (absent, or {@code *}); {@link #NO_VERSION_MATCHES} when no listed tag can match strongly. A list
     * naming several versions is resolved against {@code currentVersion}.
     */
    public static Long expectedVersion(String ifMatch, LongSupplier currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        List<Long> versions = new ArrayList<>();
        Matcher member = MEMBER.matcher(ifMatch);
        int at = 0;
        while (at < ifMatch.length()) {
            if (!member.find(at) || member.start() != at || member.end() == at) {
                throw InvalidRequest.of(
                        "If-Match", "must be * or a list of quoted ETags this API issued, such as \"3\"");
            }
            boolean weak = member.group(1) != null;
            String tag = member.group(2);
            if (!weak && VERSION.matcher(tag).matches()) {
                versions.add(Long.parseLong(tag));
            }
            at = member.end();
            if (member.group(3).equals(",") && at == ifMatch.length()) {
                throw InvalidRequest.of("If-Match", "must not end with a comma");
            }
        }
        if (versions.isEmpty()) {
            return NO_VERSION_MATCHES;
        }
        if (versions.size() == 1) {
            return versions.get(0);
        }
        long current = currentVersion.getAsLong();
        return versions.contains(current) ? current : NO_VERSION_MATCHES;
    }
}
