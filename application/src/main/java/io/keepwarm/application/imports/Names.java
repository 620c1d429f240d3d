package io.keepwarm.application.imports;

import java.net.URI;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** How imports read and compare names and profile links. */
final class Names {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u202F\\u205F\\u3000\\uFEFF]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}\\p{N} ]+");

    private Names() {}

    /** First and last name as one display name, stray whitespace collapsed; null when both are empty. */
    static String displayName(String first, String last) {
        String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last));
        String name = SPACES.matcher(joined).replaceAll(" ").strip();
        return name.isEmpty() ? null : name;
    }

    /**
     * A name folded for matching (SPEC §8): case and diacritics folded, whitespace collapsed, symbols such as emoji
     * dropped, so "José  Núñez 🚀" and "jose nunez" are one name.
     */
    static String fold(String name) {
        if (name == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        String letters =
                NOT_LETTERS.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ");
        String folded = SPACES.matcher(letters).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        return folded.isEmpty() ? null : folded;
    }

    /** An email address as matching compares it. */
    static String email(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A LinkedIn profile link reduced to its path ({@code in/ada-lovelace}), lower case, without scheme, host,
     * query or trailing slash; null when it is not a LinkedIn link.
     */
    static String linkedInProfile(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String text = url.strip();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        try {
            URI uri = URI.create(text);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (!host.equals("linkedin.com") && !host.endsWith(".linkedin.com")) {
                return null;
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            path = path.replaceAll("^/+|/+$", "").toLowerCase(Locale.ROOT);
            return path.isEmpty() ? null : path;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A value short enough to quote in a reason. */
    static String clip(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    /** A display name as a plan shows it: at most 200 characters (a row may hold megabytes in one cell). */
    static String clip200(String value) {
        if (value == null) {
            return null;
        }
        return value.length() > 200 ? value.substring(0, 200) + "…" : value;
    }
}
