package io.keepwarm.web.imports;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.imports.ImportFile;
import io.keepwarm.application.imports.ImportOptions;
import io.keepwarm.application.imports.ImportStatus;
import io.keepwarm.application.imports.Imports;
import io.keepwarm.web.error.InvalidRequest.InvalidField;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports (SPEC §8): {@code POST /api/imports} with a LinkedIn {@code Connections.csv}, a vCard file or a keepwarm
 * contacts/interactions CSV as the body. {@code dryRun=true} (the default) answers the plan and appends nothing;
 * {@code dryRun=false} answers 202 with the job, whose progress and report {@code GET /api/imports/{id}} shows.
 */
@RestController
@RequestMapping("/api/imports")
public class ImportController {

    private final Imports imports;

    public ImportController(Imports imports) {
        this.imports = imports;
    }

    @PostMapping(consumes = {"text/csv", "text/vcard", "text/x-vcard", "text/directory"})
    public ResponseEntity<?> importFile(
            @RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestParam(required = false) String dryRun,
            @RequestParam(required = false) String cadenceDays,
            @RequestParam(required = false) String[] tags,
            @RequestParam(required = false) String[] tagCadence,
            @RequestParam(required = false) String rampPerDay) {
        List<InvalidField> bad = new ArrayList<>();
        boolean dry = dryRun == null || dryRun.equals("true");
        if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
            bad.add(new InvalidField("dryRun", "must be true or false"));
        }
        MediaType media = MediaType.parseMediaType(contentType);
        Charset charset = null;
        try {
            charset = media.getCharset();
        } catch (RuntimeException e) {
            bad.add(new InvalidField("Content-Type", "names a charset this server does not know"));
        }
        ImportRequest request = ImportRequest.read(
                body,
                media.getType() + "/" + media.getSubtype(),
                charset == null ? null : charset.name(),
                "body",
                cadenceDays,
                tags,
                tagCadence,
                rampPerDay,
                bad);
        ImportFile file = request.file();
        ImportOptions options = request.options();
        if (dry) {
            return ResponseEntity.ok(imports.dryRun(file, options));
        }
        UUID importId = imports.commit(file, options);
        ImportStatus status = imports.status(importId).orElseThrow();
        return ResponseEntity.accepted()
                .location(URI.create("/api/imports/" + importId))
                .body(status);
    }

    @GetMapping("/{id}")
    public ImportStatus status(@PathVariable UUID id) {
        return imports.status(id)
                .orElseThrow(() -> OperationRefused.notFound("import.not-found", "import " + id + " not found"));
    }
}
