package io.keepwarm.application.csv;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one way keepwarm writes CSV: RFC 4180 through commons-csv, with every text cell made safe to open in a
 * spreadsheet. A contact named {@code =HYPERLINK("http://x","click")} or {@code +cmd|' /C calc'!A0} would otherwise
 * be a live formula in Excel, LibreOffice or Google Sheets (CSV injection). Following OWASP's guidance, a cell that
 * begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '}, which
 * spreadsheets read as "this is text" and do not display. Numbers are left alone: a cell that is only a decimal
 * number ({@code -2}, {@code -0.5000}) cannot be a formula, and mangling it would break every sum.
 */
public final class SpreadsheetSafeCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private SpreadsheetSafeCsv() {}

    /** Prints records; each value is written as {@link #cell} makes it. */
    public interface Printer {
        void printRecord(Iterable<?> values) throws IOException;

        default void printRecord(Object... values) throws IOException {
            printRecord(java.util.Arrays.asList(values));
        }
    }

    /** What a printer of rows does with a {@link Printer}. */
    @FunctionalInterface
    public interface Rows {
        void print(Printer printer) throws IOException;
    }

    /** A whole CSV document: the header row, then the rows. */
    public static String write(List<String> header, Rows rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            Printer safe = values -> {
                List<Object> cells = new ArrayList<>();
                for (Object value : values) {
                    cells.add(cell(value));
                }
                printer.printRecord(cells);
            };
            safe.printRecord(header);
            rows.print(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A cell of a CSV keepwarm wrote, read back: the {@code '} that {@link #cell} put before text a spreadsheet would
     * run is taken off again, so an exported note beginning with {@code -} imports as it was.
     */
    public static String text(String cell) {
        if (cell == null || cell.length() < 2 || cell.charAt(0) != '\'') {
            return cell;
        }
        char second = cell.charAt(1);
        return second == '=' || second == '+' || second == '-' || second == '@' || second == '\t' || second == '\r'
                ? cell.substring(1)
                : cell;
    }

    /**
     * Writes a CSV document to {@code out} as it goes (an export streams rows it reads page by page): the header row,
     * then the rows; {@code out} is flushed, not closed.
     */
    public static void write(java.io.Writer out, List<String> header, Rows rows) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        Printer safe = values -> {
            List<Object> cells = new ArrayList<>();
            for (Object value : values) {
                cells.add(cell(value));
            }
            printer.printRecord(cells);
        };
        safe.printRecord(header);
        rows.print(safe);
        printer.flush();
    }

    /** The value as a cell: text that a spreadsheet would run as a formula is prefixed with {@code '}. */
    public static Object cell(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        String text = value.toString();
        if (text.isEmpty() || PLAIN_NUMBER.matcher(text).matches()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }
}
