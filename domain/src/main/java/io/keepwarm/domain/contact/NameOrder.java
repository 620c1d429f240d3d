package io.keepwarm.domain.contact;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RawCollationKey;
import com.ibm.icu.util.ULocale;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of names as a person reads them: ICU's root collation (CLDR's language-neutral order, the
 * {@code und} locale, PostgreSQL's {@code "und-x-icu"}), so Łukasz sorts with the L's, Émile with the E's, and case
 * and accents only break ties (docs/adr/0018-search-and-name-order.md).
 *
 * <p>Names compare by their collation key, a byte string that orders exactly as the collator does. The read models
 * store that key ({@code sort_key BYTEA}), and PostgreSQL orders {@code bytea} by unsigned bytes, which is
 * {@link Arrays#compareUnsigned}: so Java and SQL agree by construction, whatever ICU version, if any, the database
 * server was built with. A key is cut at {@link #MAX_KEY_BYTES}, which keeps it inside a B-tree entry; two names that
 * differ only past that point tie, and the contact id decides, in Java as in SQL.
 */
public final class NameOrder {

    /** Longest key kept: far above any 200-character name's primary level, well inside a B-tree entry. */
    public static final int MAX_KEY_BYTES = 1024;

    private static final Collator ROOT = Collator.getInstance(ULocale.ROOT).freeze();

    /** Names in collation order; null sorts last. */
    public static final Comparator<String> NAMES = Comparator.nullsLast(NameOrder::compare);

    /** Names by their keys ({@link #key}), a null key last: the order of {@link #NAMES}, each key computed once. */
    public static final Comparator<byte[]> KEYS = Comparator.nullsLast(NameOrder::compareKeys);

    private NameOrder() {}

    /** The name's collation key, as stored in the read models' {@code sort_key} columns. */
    public static byte[] key(String name) {
        RawCollationKey raw = ROOT.getRawCollationKey(name, null);
        return Arrays.copyOf(raw.bytes, Math.min(raw.size, MAX_KEY_BYTES));
    }

    /** Two names by their keys: the order {@code ORDER BY sort_key} gives. */
    public static int compare(String a, String b) {
        return Arrays.compareUnsigned(key(a), key(b));
    }

    /** Two stored keys: unsigned bytes, as PostgreSQL compares {@code bytea}. */
    public static int compareKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** The ICU version whose order the keys encode; stored keys must be recomputed when it changes. */
    public static String collationVersion() {
        return ROOT.getVersion().toString();
    }
}
