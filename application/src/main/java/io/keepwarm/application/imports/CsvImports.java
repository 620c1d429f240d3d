package io.keepwarm.application.imports;

import io.keepwarm.application.csv.SpreadsheetSafeCsv;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV files keepwarm imports, read with commons-csv: LinkedIn's {@code Connections.csv} (with or without its
 * "Notes:" preamble and its {@code URL} column, "Connected On" as {@code 15 Jan 2024} or the older
 * {@code 1/15/24, 3:45 PM}), and keepwarm's own contacts and interactions CSV. The header row tells them apart.
 *
 * <p>Dates without a zone are taken as UTC: LinkedIn writes only a day.
 */
final class CsvImports {

    private static final DateTimeFormatter CONNECTED_ON = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter CONNECTED_ON_OLD =
            DateTimeFormatter.ofPattern("M/d/yy, h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter CONNECTED_ON_OLD_DAY = DateTimeFormatter.ofPattern("M/d/yy", Locale.ENGLISH);

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
            .get();

    private CsvImports() {}

    static ImportFile read(String text) {
        // LinkedIn's header may follow a "Notes:" preamble of a few lines; look for it in the first 50.
        int offset = 0;
        for (int line = 0; line < 50 && offset < text.length(); line++) {
            int end = lineEnd(text, offset);
            String start =
                    text.substring(offset, Math.min(end, offset + 40)).strip().toLowerCase(Locale.ROOT);
            if (start.startsWith("first name,") || start.startsWith("\"first name\",")) {
                return new ImportFile(ImportFormat.LINKEDIN, linkedIn(text.substring(offset), line), List.of());
            }
            offset = end + 1;
        }
        int firstEnd = lineEnd(text, 0);
        String header = text.substring(0, Math.min(firstEnd, 2_000)).toLowerCase(Locale.ROOT);
        if (header.contains("displayname")) {
            return new ImportFile(ImportFormat.KEEPWARM_CONTACTS, keepwarmContacts(text), List.of());
        }
        if ((header.contains("occurredat") || header.contains("date")) && header.contains("contacts")) {
            return new ImportFile(ImportFormat.KEEPWARM_INTERACTIONS, List.of(), keepwarmInteractions(text));
        }
        throw new UnreadableImport("a CSV import is LinkedIn's Connections.csv (a header starting First Name,Last Name)"
                + ", keepwarm's contacts CSV (a displayName column) or its interactions CSV (date and contacts"
                + " columns); this file's first line is none of them");
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    /** One CSV record with its columns by lower-cased header name. */
    private record Row(long line, Map<String, String> cells) {

        String get(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }

        /** A text cell of a CSV keepwarm wrote: without the formula guard {@link SpreadsheetSafeCsv} put on it. */
        String text(String column) {
            return SpreadsheetSafeCsv.text(get(column));
        }
    }

    private static List<Row> rows(String text, long lineOffset) {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(text))
                .setFormat(FORMAT)
                .get()) {
            List<String> names = parser.getHeaderNames().stream()
                    .map(name -> name.strip().toLowerCase(Locale.ROOT))
                    .toList();
            long start = parser.getCurrentLineNumber() + 1;
            for (CSVRecord record : parser) {
                if (rows.size() >= ImportFile.MAX_ROWS) {
                    throw new UnreadableImport("the file has more than " + ImportFile.MAX_ROWS
                            + " rows; no export is that long: split it, or check that it is the right file");
                }
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < Math.min(names.size(), record.size()); i++) {
                    cells.putIfAbsent(names.get(i), record.get(i));
                }
                rows.add(new Row(lineOffset + start, cells));
                start = parser.getCurrentLineNumber() + 1;
            }
        } catch (UncheckedIOException | IOException e) {
            throw new UnreadableImport("the CSV cannot be read past line " + (lineOffset + lineOf(e)) + ": "
                    + message(e) + " (is the file truncated?)");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UnreadableImport("the CSV header cannot be read: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new UnreadableImport("the file has a header but no rows");
        }
        return rows;
    }

    private static long lineOf(Exception e) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("line (\\d+)").matcher(String.valueOf(message(e)));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    private static List<ImportedPerson> linkedIn(String body, int linesBefore) {
        List<ImportedPerson> people = new ArrayList<>();
        for (Row row : rows(body, linesBefore)) {
            String name = Names.displayName(row.get("first name"), row.get("last name"));
            String url = row.get("url");
            String email = row.get("email address");
            String connectedOn = row.get("connected on");
            if (name == null) {
                people.add(ImportedPerson.failed(
                        row.line(),
                        null,
                        "no name: LinkedIn leaves a row empty when the connection hides their details"));
                continue;
            }
            Instant knownSince;
            try {
                knownSince = connectedOn(connectedOn);
            } catch (DateTimeParseException e) {
                people.add(ImportedPerson.failed(
                        row.line(),
                        name,
                        "Connected On '" + Names.clip(connectedOn) + "' is not a date like 15 Jan 2024"));
                continue;
            }
            String profile = Names.linkedInProfile(url);
            people.add(new ImportedPerson(
                    row.line(),
                    name,
                    row.get("company"),
                    row.get("position"),
                    null,
                    email == null ? List.of() : List.of(email),
                    null,
                    url,
                    profile == null ? List.of() : List.of("linkedin:" + profile),
                    knownSince,
                    List.of(),
                    null,
                    ImportedPerson.Kept.NONE,
                    null));
        }
        return people;
    }

    static Instant connectedOn(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text, CONNECTED_ON)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException notCurrent) {
            try {
                return LocalDateTime.parse(text.toUpperCase(Locale.ROOT), CONNECTED_ON_OLD)
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notOld) {
                try {
                    return LocalDate.parse(text, CONNECTED_ON_OLD_DAY)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                } catch (DateTimeParseException notOldDay) {
                    return instant(text);
                }
            }
        }
    }

    /** An ISO-8601 instant, or a day ({@code 2024-01-15}) taken as UTC midnight. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    private static List<ImportedPerson> keepwarmContacts(String text) {
        List<ImportedPerson> people = new ArrayList<>();
        for (Row row : rows(text, 0)) {
            String name = Names.displayName(row.text("displayname"), null);
            if (name == null) {
                people.add(ImportedPerson.failed(row.line(), null, "displayName is required"));
                continue;
            }
            Instant knownSince;
            Integer cadence;
            try {
                knownSince = instant(row.get("knownsince"));
            } catch (DateTimeParseException e) {
                people.add(ImportedPerson.failed(row.line(), name, "knownSince is not an ISO-8601 instant or day"));
                continue;
            }
            try {
                cadence = row.get("cadencedays") == null ? null : Integer.valueOf(row.get("cadencedays"));
            } catch (NumberFormatException e) {
                people.add(ImportedPerson.failed(row.line(), name, "cadenceDays is not a whole number"));
                continue;
            }
            String linkedin = row.get("linkedin");
            String profile = Names.linkedInProfile(linkedin);
            String tags = row.get("tags");
            people.add(new ImportedPerson(
                    row.line(),
                    name,
                    row.text("organization"),
                    row.text("role"),
                    row.text("city"),
                    row.get("email") == null ? List.of() : List.of(row.get("email")),
                    row.get("phone"),
                    linkedin,
                    profile == null ? List.of() : List.of("linkedin:" + profile),
                    knownSince,
                    tags == null ? List.of() : Arrays.asList(tags.split("[;,\\s]+")),
                    cadence,
                    ImportedPerson.Kept.NONE,
                    null));
        }
        return people;
    }

    private static List<ImportedTouch> keepwarmInteractions(String text) {
        List<ImportedTouch> touches = new ArrayList<>();
        for (Row row : rows(text, 0)) {
            String date = row.get("occurredat") != null ? row.get("occurredat") : row.get("date");
            String contacts = row.text("contacts");
            List<String> named = contacts == null
                    ? List.of()
                    : Arrays.stream(contacts.split(";"))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
            String problem = null;
            Instant occurredAt = null;
            Channel channel = null;
            InitiatedBy initiatedBy = null;
            Favor favor = null;
            try {
                occurredAt = instant(date);
            } catch (DateTimeParseException e) {
                problem = "date '" + Names.clip(date) + "' is not an ISO-8601 instant or day";
            }
            if (problem == null && occurredAt == null) {
                problem = "date is required";
            }
            if (problem == null && named.isEmpty()) {
                problem = "contacts is required (emails or names, separated by ;)";
            }
            try {
                channel = row.get("channel") == null
                        ? null
                        : Channel.valueOf(row.get("channel").toUpperCase(Locale.ROOT));
                initiatedBy = row.get("initiatedby") == null
                        ? null
                        : InitiatedBy.valueOf(row.get("initiatedby").toUpperCase(Locale.ROOT));
                favor = row.get("favor") == null
                        ? Favor.NONE
                        : Favor.valueOf(row.get("favor").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                if (problem == null) {
                    problem = "channel, initiatedBy or favor is not one of keepwarm's values";
                }
            }
            if (problem == null && (channel == null || initiatedBy == null)) {
                problem = "channel and initiatedBy are required";
            }
            touches.add(new ImportedTouch(
                    row.line(), occurredAt, named, channel, initiatedBy, favor, row.text("note"), problem));
        }
        return touches;
    }
}
