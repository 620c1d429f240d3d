package io.keepwarm.application.goingcold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The columns of one {@code unnest(...) AS t(...)} source, each declared with its name, its SQL type and the value
 * it takes from a row, side by side: the SQL's column list and the arrays bound to it come from the same list, so
 * an array can never be bound to another column's place, and adding a column is one line.
 *
 * <p>{@link #from} gives the {@code FROM} item, {@link #arrays} the parameters for a list of rows, in the same
 * order. Instants travel as ISO text and are cast to {@code timestamptz} in the unnest itself.
 *
 * @param <E> what one row of the batch is
 */
final class Unnest<E> {

    private record Column<E>(String name, String cast, IntFunction<Object[]> array, Function<E, ?> value) {}

    private final List<Column<E>> columns = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    Unnest<E> uuid(String name, Function<E, UUID> value) {
        return add(name, "uuid[]", UUID[]::new, value);
    }

    Unnest<E> text(String name, Function<E, String> value) {
        return add(name, "text[]", String[]::new, value);
    }

    Unnest<E> bigint(String name, Function<E, Long> value) {
        return add(name, "bigint[]", Long[]::new, value);
    }

    Unnest<E> integer(String name, Function<E, Integer> value) {
        return add(name, "int[]", Integer[]::new, value);
    }

    Unnest<E> bool(String name, Function<E, Boolean> value) {
        return add(name, "boolean[]", Boolean[]::new, value);
    }

    Unnest<E> instant(String name, Function<E, Instant> value) {
        return add(name, "text[]::timestamptz[]", String[]::new, value.andThen(i -> i == null ? null : i.toString()));
    }

    private Unnest<E> add(String name, String cast, IntFunction<Object[]> array, Function<E, ?> value) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("column " + name + " twice");
        }
        columns.add(new Column<>(name, cast, array, value));
        return this;
    }

    /** The {@code FROM} item: {@code unnest(?::uuid[], …) AS alias(owner_id, …)}. */
    String from(String alias) {
        StringJoiner parameters = new StringJoiner(", ", "unnest(", ")");
        StringJoiner names = new StringJoiner(", ", alias + "(", ")");
        for (Column<E> column : columns) {
            parameters.add("?::" + column.cast());
            names.add(column.name());
        }
        return parameters + " AS " + names;
    }

    /** One array per column, in the order of {@link #from}'s parameters, holding the rows' values. */
    Object[] arrays(List<E> rows) {
        Object[] arrays = new Object[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Column<E> column = columns.get(c);
            Object[] values = column.array().apply(rows.size());
            for (int r = 0; r < rows.size(); r++) {
                values[r] = column.value().apply(rows.get(r));
            }
            arrays[c] = values;
        }
        return arrays;
    }
}
