package io.keepwarm.web.calendar;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.calendar.CalendarFeeds;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The calendar feed (SPEC §9). {@code POST /api/me/calendar} creates or rotates the secret feed URL and shows it
 * once; {@code DELETE} revokes it. {@code GET /calendar/{secret}.ics} needs no bearer token (calendar apps cannot
 * send one): the secret is the credential, and an unknown or revoked one is answered 404.
 */
@RestController
public class CalendarController {

    static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    /** A new feed: its URL holds the secret, shown in this answer only. */
    public record NewFeedResponse(String url, String path, Instant createdAt) {

        @Override
        public String toString() {
            return "NewFeedResponse[createdAt=" + createdAt + "]";
        }
    }

    private final CalendarFeeds feeds;
    private final CurrentCaller caller;

    public CalendarController(CalendarFeeds feeds, CurrentCaller caller) {
        this.feeds = feeds;
        this.caller = caller;
    }

    @PostMapping("/api/me/calendar")
    public ResponseEntity<NewFeedResponse> create() {
        CalendarFeeds.NewFeed feed = feeds.create(caller.get());
        String path = "/calendar/" + feed.secret() + ".ics";
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(path)
                .build()
                .toUriString();
        return ResponseEntity.created(URI.create(path))
                .cacheControl(CacheControl.noStore())
                .body(new NewFeedResponse(url, path, feed.createdAt()));
    }

    @DeleteMapping("/api/me/calendar")
    public ResponseEntity<Void> revoke() {
        feeds.revoke(caller.get());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/calendar/{secret}.ics")
    public ResponseEntity<byte[]> feed(@PathVariable String secret) {
        String body = feeds.feed(secret)
                .orElseThrow(() -> OperationRefused.notFound("calendar.not-found", "no such calendar feed"));
        return ResponseEntity.ok()
                .contentType(CALENDAR)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(15)).cachePrivate())
                .header("Referrer-Policy", "no-referrer")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
