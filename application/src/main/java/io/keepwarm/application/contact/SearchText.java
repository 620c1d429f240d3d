package io.keepwarm.application.contact;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Text folded for matching, the same way for what is stored and for what is asked (docs/adr/0018-search-and-name-order.md):
 * compatibility-decomposed (NFKD: ﬁ → fi, full-width → ASCII), accents and other combining marks dropped (é → e,
 * ễ → e, İ → i), letters that are not a base letter plus a mark mapped to what a person types without them
 * (ł → l, ß → ss, ø → o, đ → d, ı → i, æ → ae …), lower-cased, and every run of spaces and punctuation made one
 * space. Letters of other scripts (中文), digits and symbols (emoji) stay as they are.
 *
 * <p>So {@code muller} finds Müller, {@code sao paulo} São Paulo, {@code lukasz} Łukasz, {@code isik} Işık and
 * {@code ada@example} the contact whose email is {@code ada@example.com}.
 */
public final class SearchText {

    /** Separates the fields of {@link #others}; a folded query never holds it, so no match spans two fields. */
    public static final String FIELD_SEPARATOR = "\n";

    private static final Map<Integer, String> LETTERS = Map.ofEntries(
            Map.entry((int) 'ł', "l"),
            Map.entry((int) 'ß', "ss"),
            Map.entry((int) 'ẞ', "ss"),
            Map.entry((int) 'ø', "o"),
            Map.entry((int) 'đ', "d"),
            Map.entry((int) 'ð', "d"),
            Map.entry((int) 'ı', "i"),
            Map.entry((int) 'æ', "ae"),
            Map.entry((int) 'œ', "oe"),
            Map.entry((int) 'þ', "th"),
            Map.entry((int) 'ħ', "h"),
            Map.entry((int) 'ŧ', "t"),
            Map.entry((int) 'ŀ', "l"),
            Map.entry((int) 'ƒ', "f"),
            Map.entry((int) 'ĸ', "k"),
            Map.entry((int) 'ŋ', "n"));

    private SearchText() {}

    /** What a contact row stores for search: its folded name, and the folded name and other fields, one per line. */
    public record Indexed(String name, String text) {

        public static Indexed of(
                String displayName,
                String organization,
                String role,
                String city,
                List<String> tags,
                Map<?, String> channels) {
            String name = fold(displayName);
            String others = others(organization, role, city, tags, channels);
            return new Indexed(name, others.isEmpty() ? name : name + FIELD_SEPARATOR + others);
        }
    }

    /** The folded form of a text; empty for null. */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String lower = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        boolean space = true; // no leading space
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK
                    || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK
                    || type == Character.FORMAT) {
                continue; // accents, variation selectors, zero-width joiners
            }
            if (Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || Character.isISOControl(c)
                    || isPunctuation(type)) {
                if (!space) {
                    folded.append(' ');
                    space = true;
                }
                continue;
            }
            String letter = LETTERS.get(c);
            if (letter != null) {
                folded.append(letter);
            } else {
                folded.appendCodePoint(c);
            }
            space = false;
        }
        int end = folded.length();
        if (end > 0 && folded.charAt(end - 1) == ' ') {
            folded.setLength(end - 1);
        }
        return folded.toString();
    }

    /**
     * The searchable fields other than the name, each folded, joined by {@link #FIELD_SEPARATOR}: organization,
     * role, city, tags and every channel's handle (email, phone, LinkedIn, other).
     */
    public static String others(
            String organization, String role, String city, List<String> tags, Map<?, String> channels) {
        List<String> fields = new ArrayList<>(Arrays.asList(organization, role, city));
        if (tags != null) {
            fields.addAll(tags);
        }
        if (channels != null) {
            channels.entrySet().stream()
                    .sorted(Comparator.comparing(e -> e.getKey().toString().toLowerCase(Locale.ROOT)))
                    .map(Map.Entry::getValue)
                    .forEach(fields::add);
        }
        return fields.stream()
                .filter(Objects::nonNull)
                .map(SearchText::fold)
                .filter(field -> !field.isEmpty())
                .collect(Collectors.joining(FIELD_SEPARATOR));
    }

    /** The words of a folded query, at most {@code max} of them (a longer query's rest is ignored). */
    public static List<String> terms(String folded, int max) {
        return folded.isEmpty()
                ? List.of()
                : Stream.of(folded.split(" ")).distinct().limit(max).toList();
    }

    private static boolean isPunctuation(int type) {
        return type == Character.CONNECTOR_PUNCTUATION
                || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION
                || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION
                || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }
}
