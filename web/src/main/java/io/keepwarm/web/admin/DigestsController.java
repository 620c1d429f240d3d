package io.keepwarm.web.admin;

import io.keepwarm.application.digest.DigestSender;
import io.keepwarm.application.digest.Digests;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The weekly digests' status for admins: whether this node sends mail, how many deliveries are in each state, and
 * every one not sent yet (pending with its next attempt, being sent, or failed for good) with its last error.
 */
@RestController
public class DigestsController {

    private final Digests digests;
    private final ObjectProvider<DigestSender> sender;

    public DigestsController(Digests digests, ObjectProvider<DigestSender> sender) {
        this.digests = digests;
        this.sender = sender;
    }

    @GetMapping("/api/admin/digests")
    public Digests.Status status() {
        return digests.status(sender.getIfAvailable() != null);
    }
}
