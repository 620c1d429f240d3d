package io.keepwarm.web.reports;

import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.reports.ActivityReport;
import io.keepwarm.application.reports.NetworkReport;
import io.keepwarm.application.reports.ReportCsv;
import io.keepwarm.application.reports.ReportParameters;
import io.keepwarm.application.reports.Reports;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.api.OwnerId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The replayable history reports (SPEC §4), rebuilt from the event store on every request. JSON by default; CSV
 * (RFC 4180, header row) when the client asks for {@code text/csv} ahead of JSON.
 */
@RestController
public class ReportsController {

    public static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Reports reports;
    private final CurrentCaller caller;
    private final Settings settings;

    public ReportsController(Reports reports, CurrentCaller caller, Settings settings) {
        this.reports = reports;
        this.caller = caller;
        this.settings = settings;
    }

    @GetMapping("/api/reports/network")
    public ResponseEntity<?> network(
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String knownAt,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept)
            throws HttpMediaTypeNotAcceptableException {
        boolean csv = wantsCsv(accept);
        ReportParameters.Network query = ReportParameters.network(asOf, knownAt);
        OwnerId owner = caller.get().ownerId();
        NetworkReport report = reports.network(owner, query);
        return respond(csv, report, () -> ReportCsv.network(report));
    }

    @GetMapping("/api/reports/activity")
    public ResponseEntity<?> activity(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String zone,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept)
            throws HttpMediaTypeNotAcceptableException {
        boolean csv = wantsCsv(accept);
        OwnerId owner = caller.get().ownerId();
        ReportParameters.Activity query = ReportParameters.activity(
                from, to, groupBy, zone, settings.of(owner).timeZone());
        ActivityReport report = reports.activity(owner, query);
        return respond(csv, report, () -> ReportCsv.activity(report));
    }

    private static ResponseEntity<?> respond(boolean csv, Object report, Supplier<String> asCsv) {
        if (csv) {
            return ResponseEntity.ok().contentType(CSV).body(asCsv.get().getBytes(StandardCharsets.UTF_8));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    /**
     * Whether the Accept header prefers CSV: its media types by quality (then specificity), the first that
     * is CSV or JSON decides. No header, or a wildcard first, means JSON; neither acceptable is 406.
     */
    public static boolean wantsCsv(String accept) throws HttpMediaTypeNotAcceptableException {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            throw new HttpMediaTypeNotAcceptableException(accept);
        }
        MimeTypeUtils.sortBySpecificity(accepted);
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isWildcardType()) {
                return false;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return false;
            }
            if (type.isCompatibleWith(CSV)) {
                return true;
            }
        }
        throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON, CSV));
    }
}
