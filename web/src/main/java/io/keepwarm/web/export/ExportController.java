package io.keepwarm.web.export;

import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.export.AccountExport;
import io.keepwarm.domain.contact.api.OwnerId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/export} (SPEC §3, §8): the caller's whole account as a zip ({@link AccountExport}), streamed as it is
 * read. Only ever the caller's own contacts: the owner is the token's, there is nothing to name another's.
 */
@RestController
public class ExportController {

    static final String ZIP = "application/zip";

    private final AccountExport export;
    private final CurrentCaller caller;
    private final Clock clock;

    public ExportController(AccountExport export, CurrentCaller caller, Clock clock) {
        this.export = export;
        this.caller = caller;
        this.clock = clock;
    }

    @GetMapping("/api/export")
    public void export(HttpServletResponse response) throws IOException {
        OwnerId owner = caller.get().ownerId();
        Instant at = clock.instant();
        response.setContentType(ZIP);
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("keepwarm-export-" + at.atZone(ZoneOffset.UTC).toLocalDate() + ".zip")
                        .build()
                        .toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        export.write(owner, at, response.getOutputStream());
        response.flushBuffer();
    }
}
