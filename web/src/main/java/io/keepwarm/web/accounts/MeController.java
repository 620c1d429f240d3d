package io.keepwarm.web.accounts;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.application.accounts.ApiTokens;
import io.keepwarm.application.accounts.AuthenticatedUser;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.error.InvalidRequest.InvalidField;
import io.keepwarm.web.support.QueryInstants;
import java.net.URI;
import java.time.Instant;
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

/** The caller's own account and API tokens. */
@RestController
@RequestMapping("/api/me")
public class MeController {

    /** Who am I. */
    public record MeResponse(UUID userId, String username, String role, Instant createdAt) {}

    /** {@code POST /api/me/tokens}. */
    public record NewTokenRequest(String name, Instant expiresAt) {}

    /** A token just created: the secret is in this answer and nowhere else, ever. */
    public record NewTokenResponse(UUID tokenId, String name, String token, Instant createdAt, Instant expiresAt) {

        /** Only the hint: Spring logs response bodies by {@code toString()} at debug level. */
        @Override
        public String toString() {
            return "NewTokenResponse[tokenId=" + tokenId + ", name=" + name + ", token=" + ApiTokens.hint(token)
                    + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final Accounts accounts;

    public MeController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    public MeResponse me() {
        AuthenticatedUser user = AuthenticatedCaller.currentUser();
        return accounts.user(user.userId())
                .map(u -> new MeResponse(u.userId(), u.username(), u.role().name(), u.createdAt()))
                .orElseThrow(() -> OperationRefused.notFound("user.not-found", "user not found"));
    }

    @PostMapping("/tokens")
    public ResponseEntity<NewTokenResponse> createToken(@RequestBody(required = false) NewTokenRequest request) {
        String name = request == null ? null : request.name();
        Instant expiresAt = request == null ? null : QueryInstants.checked("expiresAt", request.expiresAt());
        List<InvalidField> invalid = new ArrayList<>();
        Accounts.tokenNameProblem(name).ifPresent(problem -> invalid.add(new InvalidField("name", problem)));
        accounts.expiresAtProblem(expiresAt).ifPresent(problem -> invalid.add(new InvalidField("expiresAt", problem)));
        if (!invalid.isEmpty()) {
            throw new InvalidRequest(invalid);
        }
        var issued = accounts.createToken(AuthenticatedCaller.currentUser().userId(), name, expiresAt);
        return ResponseEntity.created(URI.create("/api/me/tokens/" + issued.tokenId()))
                .body(new NewTokenResponse(
                        issued.tokenId(), issued.name(), issued.token(), issued.createdAt(), issued.expiresAt()));
    }

    @GetMapping("/tokens")
    public List<Accounts.Token> tokens() {
        return accounts.tokens(AuthenticatedCaller.currentUser().userId());
    }

    @DeleteMapping("/tokens/{id}")
    public ResponseEntity<Void> revoke(@PathVariable UUID id) {
        accounts.revokeToken(AuthenticatedCaller.currentUser().userId(), id);
        return ResponseEntity.noContent().build();
    }
}
