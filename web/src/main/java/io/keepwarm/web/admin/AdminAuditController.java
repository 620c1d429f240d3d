package io.keepwarm.web.admin;

import io.keepwarm.application.admin.AdminAudit;
import io.keepwarm.web.support.Paging;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/audit?actorId=&limit=&cursor=}: what admins did to accounts, oldest first. */
@RestController
public class AdminAuditController {

    private final AdminAudit audit;

    public AdminAuditController(AdminAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/admin/audit")
    public AdminAudit.Page audit(
            @RequestParam(required = false) UUID actorId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return audit.list(actorId, Paging.limit(limit, AdminAudit.DEFAULT_LIMIT), cursor);
    }
}
