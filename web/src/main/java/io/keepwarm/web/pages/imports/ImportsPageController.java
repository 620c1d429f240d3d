package io.keepwarm.web.pages.imports;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.imports.ImportOptions;
import io.keepwarm.application.imports.ImportOutcome;
import io.keepwarm.application.imports.ImportStatus;
import io.keepwarm.application.imports.Imports;
import io.keepwarm.application.imports.PlannedRow;
import io.keepwarm.domain.contact.Cadence;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.error.InvalidRequest.InvalidField;
import io.keepwarm.web.imports.ImportRequest;
import io.keepwarm.web.pages.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports (SPEC §8) on a page: upload a file, see the dry run's plan row by row, confirm, then watch the job until
 * it is done and read its report. The file and the options are read by the same {@link ImportRequest} as
 * {@code POST /api/imports}, planned and committed by the same {@link Imports} service: no rule twice. Between
 * the plan and the confirmation the file waits in the session ({@link PendingUpload}).
 */
@Controller
public class ImportsPageController {

    /** Rows of a plan or report shown in the table (every ERROR row is shown besides); the counts cover all. */
    static final int ROWS_SHOWN = 500;

    /** The charsets offered for a file that is not UTF-8 (LinkedIn and Google write UTF-8; old Outlook does not). */
    static final List<String> CHARSETS = List.of("UTF-8", "windows-1252", "ISO-8859-1", "UTF-16");

    /** The form's fields as its labels name them, for the list of problems above it. */
    static final Map<String, String> LABELS = Map.of(
            "file", "File",
            "cadenceDays", "Cadence",
            "tags", "Tags",
            "tagCadence", "Cadence by tag",
            "rampPerDay", "New people due per day",
            "charset", "Character set");

    /** The plan's {@code changes} (the API's field names) as the page says them. */
    static final Map<String, String> CHANGE_WORDS = Map.ofEntries(
            Map.entry("displayName", "name"),
            Map.entry("howWeMet", "how we met"),
            Map.entry("organization", "organization"),
            Map.entry("role", "role"),
            Map.entry("city", "city"),
            Map.entry("channels", "channels"),
            Map.entry("countryCode", "country"),
            Map.entry("timeZone", "time zone"),
            Map.entry("tags", "tags"),
            Map.entry("knownSince", "known since"),
            Map.entry("cadence", "cadence"),
            Map.entry("interaction", "a new interaction"));

    private final Imports imports;
    private final CurrentCaller caller;
    private final long maxImportBytes;

    public ImportsPageController(
            Imports imports,
            CurrentCaller caller,
            @Value("${keepwarm.max-import-bytes:16777216}") long maxImportBytes) {
        this.imports = imports;
        this.caller = caller;
        this.maxImportBytes = maxImportBytes;
    }

    @GetMapping("/imports")
    String form(@RequestParam(required = false) String tooLarge, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (tooLarge != null) {
            errors.put("file", tooLargeMessage());
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        }
        return form(model, ImportFormValues.defaults(), errors);
    }

    private String form(Model model, ImportFormValues values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("labels", LABELS);
        model.addAttribute("charsets", CHARSETS);
        model.addAttribute("presets", Cadence.PRESETS);
        model.addAttribute("maxMiB", maxImportBytes / (1024 * 1024));
        model.addAttribute("defaultRamp", ImportOptions.DEFAULT_RAMP_PER_DAY);
        return "pages/imports/form";
    }

    /** The upload: the file read and planned (a dry run, nothing appended), or the form again naming every bad field. */
    @PostMapping("/imports")
    String plan(
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String charset,
            @RequestParam(required = false) String cadenceDays,
            @RequestParam(required = false) String tags,
            @RequestParam(required = false) String tagCadence,
            @RequestParam(required = false) String rampPerDay,
            HttpSession session,
            HttpServletResponse response,
            Model model)
            throws IOException {
        ImportFormValues values = new ImportFormValues(
                blankToNull(charset),
                blankToNull(cadenceDays),
                blankToNull(tags),
                blankToNull(tagCadence),
                blankToNull(rampPerDay));
        List<InvalidField> bad = new ArrayList<>();
        byte[] body = null;
        String fileName = file == null ? null : file.getOriginalFilename();
        if (file == null || file.isEmpty()) {
            bad.add(new InvalidField("file", "choose a file to import"));
        } else if (file.getSize() > maxImportBytes) {
            bad.add(new InvalidField("file", tooLargeMessage()));
        } else {
            body = file.getBytes();
        }
        if (values.charset() != null && !CHARSETS.contains(values.charset())) {
            bad.add(new InvalidField("charset", "is not one of the choices"));
        }
        ImportRequest request;
        try {
            if (body == null) {
                // report the options' mistakes too, with the file's
                ImportRequest.options(
                        values.cadenceDays(), values.tagList(), values.tagCadenceList(), values.rampPerDay(), bad);
                throw new InvalidRequest(bad);
            }
            request = ImportRequest.read(
                    body,
                    mediaType(fileName, file.getContentType(), body),
                    values.charset(),
                    "file",
                    values.cadenceDays(),
                    values.tagList(),
                    values.tagCadenceList(),
                    values.rampPerDay(),
                    bad);
        } catch (InvalidRequest invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.fields().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + "; " + b));
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(model, values, errors);
        }
        Imports.Preview preview = imports.dryRun(request.file(), request.options());
        Map<Long, String> names = new HashMap<>();
        preview.rows().forEach(row -> {
            if (row.displayName() != null) {
                names.put(row.line(), row.displayName());
            }
        });
        PendingUpload pending = new PendingUpload(
                UUID.randomUUID(),
                owner(),
                fileName == null || fileName.isBlank() ? "the file" : fileName,
                request.file(),
                request.options(),
                Map.copyOf(names));
        pending.keepIn(session);
        model.addAttribute("pending", pending);
        model.addAttribute("preview", preview);
        model.addAttribute(
                "shown",
                shown(preview.rows(), PlannedRow::outcome).stream()
                        .map(RowView::of)
                        .toList());
        model.addAttribute("options", describe(request.options()));
        model.addAttribute(
                "changes",
                preview.counts().get(ImportOutcome.CREATE) + preview.counts().get(ImportOutcome.UPDATE));
        return "pages/imports/plan";
    }

    /** Confirming the plan: the import runs as a job; its page shows the progress. */
    @PostMapping("/imports/confirm")
    String confirm(@RequestParam(required = false) String uploadId, HttpSession session) {
        UUID id;
        try {
            id = UUID.fromString(uploadId == null ? "" : uploadId.strip());
        } catch (IllegalArgumentException e) {
            throw stale();
        }
        PendingUpload pending = PendingUpload.take(session, id, owner()).orElseThrow(ImportsPageController::stale);
        UUID importId = imports.commit(pending.file(), pending.options());
        pending.committedAs(importId, session);
        return "redirect:/imports/" + importId;
    }

    private static OperationRefused stale() {
        return OperationRefused.conflict(
                "import.upload-gone",
                "This upload is no longer waiting to be confirmed (it was confirmed already, another file was uploaded"
                        + " since, or the session ended). Nothing was imported from it: upload the file again.");
    }

    /** The job: its progress while it runs (polled), then its report. */
    @GetMapping("/imports/{id}")
    String job(@PathVariable UUID id, HttpSession session, Model model) {
        status(id, session, model);
        return "pages/imports/job";
    }

    @GetMapping("/imports/{id}/progress")
    String progress(@PathVariable UUID id, HttpSession session, HttpServletRequest request, Model model) {
        status(id, session, model);
        return Htmx.isHtmx(request) ? "pages/imports/job :: progress" : "pages/imports/job";
    }

    /** What a row changes, in words, or why it does not import. */
    static String inWords(String reason, List<String> changes) {
        if (reason != null) {
            return reason;
        }
        return String.join(
                ", ", changes.stream().map(c -> CHANGE_WORDS.getOrDefault(c, c)).toList());
    }

    /** One row of a plan or a report as the table shows it; {@code state} (whether it is in) is null in a plan. */
    public record RowView(long line, ImportOutcome outcome, UUID contactId, String name, String said, String state) {

        static RowView of(PlannedRow row) {
            return new RowView(
                    row.line(),
                    row.outcome(),
                    row.contactId(),
                    row.displayName(),
                    inWords(row.reason(), row.changes()),
                    null);
        }

        static RowView of(ImportStatus.ReportRow row, Map<Long, String> names) {
            return new RowView(
                    row.line(),
                    row.outcome(),
                    row.contactId(),
                    names.get(row.line()),
                    inWords(row.reason(), row.changes()),
                    switch (row.outcome()) {
                        case ERROR -> "not imported";
                        case UNCHANGED -> "already in keepwarm";
                        case CREATE, UPDATE -> row.done() ? "in keepwarm" : "not in yet";
                    });
        }
    }

    private void status(UUID id, HttpSession session, Model model) {
        OwnerId owner = owner();
        ImportStatus status = imports.status(id)
                .orElseThrow(() -> OperationRefused.notFound("import.not-found", "There is no such import."));
        Map<Long, String> names = PendingUpload.committed(session, id, owner)
                .map(PendingUpload.Committed::names)
                .orElse(Map.of());
        boolean running = status.state().equals("QUEUED") || status.state().equals("RUNNING");
        model.addAttribute("job", status);
        model.addAttribute("running", running);
        model.addAttribute("names", names);
        model.addAttribute(
                "fileName",
                PendingUpload.committed(session, id, owner)
                        .map(PendingUpload.Committed::fileName)
                        .orElse(null));
        model.addAttribute(
                "shown",
                running
                        ? List.of()
                        : shown(status.rows(), ImportStatus.ReportRow::outcome).stream()
                                .map(row -> RowView.of(row, names))
                                .toList());
        model.addAttribute(
                "progress",
                status.progressPercent() == null ? 0 : status.progressPercent().doubleValue());
    }

    private OwnerId owner() {
        return caller.get().ownerId();
    }

    private String tooLargeMessage() {
        return "the file is larger than " + maxImportBytes / (1024 * 1024)
                + " MiB; export fewer contacts at a time, or split the file";
    }

    /** The first {@link #ROWS_SHOWN} rows, and every ERROR row after them: the ones a person has to act on. */
    static <R> List<R> shown(List<R> rows, java.util.function.Function<R, ImportOutcome> outcome) {
        List<R> shown = new ArrayList<>();
        for (R row : rows) {
            if (shown.size() < ROWS_SHOWN || outcome.apply(row) == ImportOutcome.ERROR) {
                shown.add(row);
            }
        }
        return shown;
    }

    /** The options in words, as the plan page repeats them. */
    static List<String> describe(ImportOptions options) {
        List<String> said = new ArrayList<>();
        if (options.cadenceDays() != null) {
            said.add("every imported contact without a cadence gets one of " + options.cadenceDays() + " days");
        }
        options.tagCadences().forEach((tag, days) -> said.add("contacts tagged " + tag + ": every " + days + " days"));
        if (!options.tags().isEmpty()) {
            said.add("tags added: " + String.join(", ", options.tags()));
        }
        said.add("at most " + options.rampPerDay() + " never-contacted people become due per day");
        return said;
    }

    /**
     * The media type the API would be sent: a vCard file by its name or its first line, anything else CSV (browsers
     * send a {@code .csv} as {@code text/csv}, {@code application/vnd.ms-excel} or nothing at all).
     */
    static String mediaType(String fileName, String sent, byte[] body) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        String type = sent == null ? "" : sent.toLowerCase(Locale.ROOT);
        if (name.endsWith(".vcf") || name.endsWith(".vcard") || type.contains("vcard") || type.contains("directory")) {
            return "text/vcard";
        }
        String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.ISO_8859_1)
                .replace("\uFEFF", "")
                .replace("\u00EF\u00BB\u00BF", "")
                .stripLeading()
                .toUpperCase(Locale.ROOT);
        return start.startsWith("BEGIN:VCARD") ? "text/vcard" : "text/csv";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What the form was sent with, to show it again. */
    public record ImportFormValues(
            String charset, String cadenceDays, String tags, String tagCadence, String rampPerDay) {

        static ImportFormValues defaults() {
            return new ImportFormValues(null, null, null, null, null);
        }

        String[] tagList() {
            return tags == null ? null : new String[] {tags};
        }

        /** Several tag cadences, separated by commas or spaces: {@code mentor:21, alumni:180}. */
        String[] tagCadenceList() {
            return tagCadence == null
                    ? null
                    : new String[] {
                        tagCadence
                                .replaceAll("\\s*:\\s*", ":")
                                .replaceAll("[,\\s]+", ",")
                                .replaceAll("^,|,$", "")
                    };
        }
    }
}
