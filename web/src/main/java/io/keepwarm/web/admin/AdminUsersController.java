package io.keepwarm.web.admin;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.application.accounts.ApiTokens;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.accounts.Role;
import io.keepwarm.application.admin.UserDeletion;
import io.keepwarm.web.accounts.AuthenticatedCaller;
import io.keepwarm.web.error.InvalidRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins create users (the answer holds the user's first token, once), list them, and disable or re-enable them. */
@RestController
@RequestMapping("/api/admin/users")
public class AdminUsersController {

    /** {@code POST /api/admin/users}; {@code role} is USER or ADMIN (text, so a bad one is reported with the rest). */
    public record NewUserRequest(String username, String role) {}

    /** The new user and their first token. */
    public record NewUserResponse(UUID userId, String username, String role, String token) {

        /** Only the hint: Spring logs response bodies by {@code toString()} at debug level. */
        @Override
        public String toString() {
            return "NewUserResponse[userId=" + userId + ", username=" + username + ", role=" + role + ", token="
                    + ApiTokens.hint(token) + "]";
        }
    }

    private final Accounts accounts;
    private final UserDeletion deletion;
    private final CurrentCaller caller;

    public AdminUsersController(Accounts accounts, UserDeletion deletion, CurrentCaller caller) {
        this.accounts = accounts;
        this.deletion = deletion;
        this.caller = caller;
    }

    @PostMapping
    public ResponseEntity<NewUserResponse> create(@RequestBody NewUserRequest request) {
        Role role = Role.named(request.role());
        List<InvalidRequest.InvalidField> invalid = new ArrayList<>();
        Accounts.usernameProblem(request.username())
                .ifPresent(problem -> invalid.add(new InvalidRequest.InvalidField("username", problem)));
        if (role == null) {
            invalid.add(new InvalidRequest.InvalidField("role", "must be USER or ADMIN"));
        }
        if (!invalid.isEmpty()) {
            throw new InvalidRequest(invalid);
        }
        var issued = accounts.createUser(
                request.username(), role, AuthenticatedCaller.currentUser().userId());
        return ResponseEntity.created(URI.create("/api/admin/users/" + issued.userId()))
                .body(new NewUserResponse(issued.userId(), request.username(), role.name(), issued.token()));
    }

    @GetMapping
    public List<Accounts.User> users() {
        return accounts.users();
    }

    /** The user a {@code POST} answered with in its {@code Location}. */
    @GetMapping("/{id}")
    public Accounts.User user(@PathVariable UUID id) {
        return accounts.user(id)
                .orElseThrow(() -> OperationRefused.notFound("user.not-found", "user " + id + " not found"));
    }

    /** Disabling stops every token of the user at once; the last enabled admin cannot be disabled. */
    @PostMapping("/{id}/disable")
    public ResponseEntity<Void> disable(@PathVariable UUID id) {
        accounts.setDisabled(id, true);
        return ResponseEntity.noContent().build();
    }

    /**
     * Deletes the user: their tokens stop at once, their whole network is forgotten (SPEC §6), the admin's audit
     * trail records it ({@code GET /api/admin/audit}). Deleting a deleted user again is 204 and finishes any
     * forgetting left undone; the last enabled admin cannot be deleted (409).
     */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        deletion.delete(caller.get(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/enable")
    public ResponseEntity<Void> enable(@PathVariable UUID id) {
        accounts.setDisabled(id, false);
        return ResponseEntity.noContent().build();
    }
}
