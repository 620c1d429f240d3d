package io.keepwarm.web.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.settings.AccountSettings;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.application.settings.SettingsChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's account settings (SPEC §9) and their history. */
@RestController
@RequestMapping("/api/me/settings")
public class SettingsController {

    /** The settings as the API shows them. */
    public record SettingsResponse(
            String timeZone,
            Map<String, String> reachableHours,
            List<String> reachableDays,
            Map<String, Object> digest,
            long version,
            Instant updatedAt) {

        static SettingsResponse of(AccountSettings settings) {
            return new SettingsResponse(
                    settings.timeZone().getId(),
                    AccountSettings.hours(settings.reachable()),
                    AccountSettings.days(settings.reachable()),
                    AccountSettings.digest(settings.digest()),
                    settings.version(),
                    settings.updatedAt());
        }
    }

    /** The account's settings history, oldest first. */
    public record HistoryResponse(List<SettingsChange> items) {}

    private final Settings settings;
    private final CurrentCaller caller;

    public SettingsController(Settings settings, CurrentCaller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GetMapping
    public SettingsResponse get() {
        return SettingsResponse.of(settings.of(caller.get().ownerId()));
    }

    /** A JSON merge patch: absent fields stay; every bad field is named in one 400, and nothing is changed. */
    @PatchMapping(consumes = {"application/merge-patch+json", "application/json"})
    public SettingsResponse patch(@RequestBody JsonNode body) {
        SettingsPatch patch = SettingsPatch.read(body);
        return SettingsResponse.of(settings.change(caller.get(), patch));
    }

    @GetMapping("/history")
    public HistoryResponse history() {
        return new HistoryResponse(settings.history(caller.get().ownerId()));
    }
}
