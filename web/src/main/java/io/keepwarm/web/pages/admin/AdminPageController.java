package io.keepwarm.web.pages.admin;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.application.accounts.AuthenticatedUser;
import io.keepwarm.application.accounts.Role;
import io.keepwarm.application.projection.ProjectionCoordinator;
import io.keepwarm.application.projection.ProjectionDeadLetters;
import io.keepwarm.application.projection.ProjectionRebuilds;
import io.keepwarm.application.projection.ProjectionStatusQueries;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin pages (ADMIN only, as {@code /api/admin/**}): users, and the projections with their state and lag, a
 * blue/green rebuild whose progress bar is polled (htmx, once a second) until reads switch to the new version,
 * and dead letters with a retry. The same {@link Accounts}, {@link ProjectionRebuilds}, {@link ProjectionDeadLetters}
 * and {@link ProjectionStatusQueries} as the API.
 */
@Controller
public class AdminPageController {

    private final Accounts accounts;
    private final ProjectionStatusQueries status;
    private final ProjectionRebuilds rebuilds;
    private final ProjectionDeadLetters deadLetters;
    private final ProjectionCoordinator coordinator;

    public AdminPageController(
            Accounts accounts,
            ProjectionStatusQueries status,
            ProjectionRebuilds rebuilds,
            ProjectionDeadLetters deadLetters,
            ProjectionCoordinator coordinator) {
        this.accounts = accounts;
        this.status = status;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
        this.coordinator = coordinator;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", accounts.users());
        model.addAttribute("roles", Role.values());
        return "pages/admin/users";
    }

    /** Creates a user; the page shows their first token this once (and is not cached). */
    @PostMapping("/admin/users")
    String createUser(
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String role,
            HttpServletResponse response,
            Model model) {
        Role named = Role.named(role);
        List<String> problems = new ArrayList<>();
        Accounts.usernameProblem(username).ifPresent(problem -> problems.add("username " + problem));
        if (named == null) {
            problems.add("role must be USER or ADMIN");
        }
        if (!problems.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("problem", String.join("; ", problems));
            return users(model);
        }
        try {
            var issued = accounts.createUser(username, named, me().userId());
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("created", username);
            model.addAttribute("token", issued.token());
        } catch (OperationRefused refused) {
            response.setStatus(refused.kind() == OperationRefused.Kind.CONFLICT ? 409 : 404);
            model.addAttribute("problem", refused.getMessage());
        }
        return users(model);
    }

    @PostMapping("/admin/users/{id}/disable")
    String disable(@PathVariable UUID id, RedirectAttributes redirect) {
        return setDisabled(id, true, redirect);
    }

    @PostMapping("/admin/users/{id}/enable")
    String enable(@PathVariable UUID id, RedirectAttributes redirect) {
        return setDisabled(id, false, redirect);
    }

    private String setDisabled(UUID id, boolean disabled, RedirectAttributes redirect) {
        try {
            accounts.setDisabled(id, disabled);
            redirect.addFlashAttribute(
                    "notice", disabled ? "User disabled: their tokens stop working." : "User enabled.");
        } catch (OperationRefused refused) {
            if (refused.kind() == OperationRefused.Kind.NOT_FOUND) {
                throw refused;
            }
            redirect.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/admin/users";
    }

    @GetMapping("/admin/projections")
    String projections(Model model) {
        model.addAttribute("overview", status.overview());
        return "pages/admin/projections";
    }

    /** One projection's row: polled while it rebuilds, and no longer once reads have switched. */
    @GetMapping("/admin/projections/{name}/row")
    String row(@PathVariable String name, Model model) {
        model.addAttribute("p", status.status(name));
        return "pages/admin/projection-row :: row";
    }

    @PostMapping("/admin/projections/{name}/rebuild")
    String rebuild(@PathVariable String name, Model model, HttpServletResponse response) {
        try {
            rebuilds.start(name, me().userId());
            coordinator.nudge();
        } catch (OperationRefused refused) {
            if (refused.kind() == OperationRefused.Kind.NOT_FOUND) {
                throw refused;
            }
            model.addAttribute("rowProblem", refused.getMessage());
        }
        return row(name, model);
    }

    @PostMapping("/admin/projections/{name}/rebuild/cancel")
    String cancel(@PathVariable String name, Model model) {
        try {
            rebuilds.cancel(name, me().userId());
            coordinator.nudge();
        } catch (OperationRefused refused) {
            model.addAttribute("rowProblem", refused.getMessage());
        }
        return row(name, model);
    }

    @GetMapping("/admin/projections/{name}/dead-letters")
    String deadLetters(@PathVariable String name, Model model) {
        model.addAttribute("p", status.status(name));
        model.addAttribute("letters", deadLetters.list(name));
        return "pages/admin/dead-letters";
    }

    @PostMapping("/admin/projections/{name}/dead-letters/retry")
    String retry(@PathVariable String name, RedirectAttributes redirect) {
        var result = deadLetters.retry(name);
        redirect.addFlashAttribute(
                "notice",
                "Retried: " + result.sequencesRetried() + " contacts applied, " + result.sequencesStillFailing()
                        + " still failing, " + result.remaining() + " letters left.");
        return "redirect:/admin/projections/" + name + "/dead-letters";
    }

    private static AuthenticatedUser me() {
        return (AuthenticatedUser)
                SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }
}
