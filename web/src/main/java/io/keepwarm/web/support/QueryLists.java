package io.keepwarm.web.support;

import io.keepwarm.web.error.InvalidRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A query parameter that takes several values, given as a comma list ({@code tag=a,b}), repeated
 * ({@code tag=a&tag=b}) or both. Absent is null (no filter); present but empty ({@code tag=}, {@code tag=a,}) is a
 * 400, never silently "no filter" or "matches nothing".
 */
public final class QueryLists {

    private QueryLists() {}

    /** The items of the parameter as Spring bound it to {@code String[]} (it splits a single value at commas). */
    public static List<String> items(String parameter, String[] given) {
        if (given == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (String value : given) {
            for (String item : value.split(",", -1)) {
                if (item.isBlank()) {
                    throw InvalidRequest.of(
                            parameter, "must not be empty; give one or more values, comma separated or repeated");
                }
                items.add(item.strip());
            }
        }
        if (items.isEmpty()) {
            throw InvalidRequest.of(
                    parameter, "must not be empty; give one or more values, comma separated or repeated");
        }
        return List.copyOf(items);
    }
}
