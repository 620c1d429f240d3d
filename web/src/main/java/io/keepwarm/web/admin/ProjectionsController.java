package io.keepwarm.web.admin;

import io.keepwarm.application.projection.ProjectionCoordinator;
import io.keepwarm.application.projection.ProjectionDeadLetters;
import io.keepwarm.application.projection.ProjectionDeadLetters.DeadLetterRow;
import io.keepwarm.application.projection.ProjectionDeadLetters.RetryResult;
import io.keepwarm.application.projection.ProjectionRebuilds;
import io.keepwarm.application.projection.ProjectionStatus;
import io.keepwarm.application.projection.ProjectionStatusQueries;
import io.keepwarm.web.accounts.AuthenticatedCaller;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operating the projections (SPEC §5), admin only: status across all nodes, blue/green rebuilds, dead letters.
 * Every answer is read from the shared database, so any node gives the same one.
 */
@RestController
@RequestMapping("/api/admin/projections")
public class ProjectionsController {

    /** A projection's dead letters, oldest first. */
    public record DeadLettersResponse(String projection, List<DeadLetterRow> items) {}

    private final ProjectionStatusQueries status;
    private final ProjectionRebuilds rebuilds;
    private final ProjectionDeadLetters deadLetters;
    private final ProjectionCoordinator coordinator;

    public ProjectionsController(
            ProjectionStatusQueries status,
            ProjectionRebuilds rebuilds,
            ProjectionDeadLetters deadLetters,
            ProjectionCoordinator coordinator) {
        this.status = status;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
        this.coordinator = coordinator;
    }

    @GetMapping
    public ProjectionStatusQueries.Overview all() {
        return status.overview();
    }

    @GetMapping("/{name}")
    public ProjectionStatus one(@PathVariable String name) {
        return status.status(name);
    }

    /**
     * Starts a blue/green rebuild: 202, and the projection's status (with the rebuild) in the body; 409 when one
     * is already running. Progress shows at the {@code Location}.
     */
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<ProjectionStatus> rebuild(@PathVariable String name) {
        rebuilds.start(name, AuthenticatedCaller.currentUser().userId());
        coordinator.nudge();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/admin/projections/" + name))
                .body(status.status(name));
    }

    /** Cancels the running rebuild; the old version keeps serving. 404 when none is running. */
    @DeleteMapping("/{name}/rebuild")
    public ProjectionStatus cancel(@PathVariable String name) {
        rebuilds.cancel(name, AuthenticatedCaller.currentUser().userId());
        coordinator.nudge();
        return status.status(name);
    }

    @GetMapping("/{name}/dead-letters")
    public DeadLettersResponse deadLetters(@PathVariable String name) {
        return new DeadLettersResponse(name, deadLetters.list(name));
    }

    /** Retries every parked contact once; the answer says how many were applied and what is still parked. */
    @PostMapping("/{name}/dead-letters/retry")
    public RetryResult retry(@PathVariable String name) {
        return deadLetters.retry(name);
    }
}
