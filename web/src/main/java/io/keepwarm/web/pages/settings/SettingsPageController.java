package io.keepwarm.web.pages.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.settings.AccountSettings;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.settings.SettingsPatch;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's settings (SPEC §9): zone, reachable hours and days, digest. The form is read into the same
 * {@link SettingsPatch} as {@code PATCH /api/me/settings} and applied by the same {@link Settings#change}, so its
 * rules (a known zone, hours from before until, at least one day, a digest's day and hour) are checked once.
 */
@Controller
public class SettingsPageController {

    private final Settings settings;
    private final CurrentCaller caller;
    private final ObjectMapper json;

    public SettingsPageController(Settings settings, CurrentCaller caller, ObjectMapper json) {
        this.settings = settings;
        this.caller = caller;
        this.json = json;
    }

    @GetMapping("/settings")
    String settings(Model model) {
        AccountSettings current = settings.of(caller.get().ownerId());
        if (!model.containsAttribute("values")) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("timeZone", current.timeZone().getId());
            values.put("from", current.reachable().from().toString());
            values.put("until", current.reachable().until().toString());
            values.put("days", AccountSettings.days(current.reachable()));
            values.put("frequency", current.digest().frequency().name());
            values.put(
                    "digestDay",
                    current.digest().day() == null
                            ? "MONDAY"
                            : current.digest().day().name());
            values.put(
                    "digestHour",
                    current.digest().hour() == null ? 7 : current.digest().hour());
            values.put(
                    "digestEmail",
                    current.digest().email() == null ? "" : current.digest().email());
            model.addAttribute("values", values);
        }
        model.addAttribute("zones", new TreeSet<>(ZoneId.getAvailableZoneIds()));
        model.addAttribute("weekdays", DayOfWeek.values());
        return "pages/settings/settings";
    }

    @PostMapping("/settings")
    String change(
            @RequestParam(required = false) String timeZone,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String until,
            @RequestParam(required = false) List<String> days,
            @RequestParam(required = false) String frequency,
            @RequestParam(required = false) String digestDay,
            @RequestParam(required = false) String digestHour,
            @RequestParam(required = false) String digestEmail,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        ObjectNode patch = json.createObjectNode();
        patch.put("timeZone", timeZone);
        patch.putObject("reachableHours").put("from", from).put("until", until);
        var reachableDays = patch.putArray("reachableDays");
        if (days != null) {
            days.forEach(reachableDays::add);
        }
        ObjectNode digest = patch.putObject("digest").put("frequency", frequency);
        if ("WEEKLY".equals(frequency)) {
            digest.put("day", digestDay);
            digest.put("email", digestEmail);
            try {
                digest.put("hour", Integer.parseInt(digestHour == null ? "" : digestHour.strip()));
            } catch (NumberFormatException e) {
                digest.put("hour", digestHour);
            }
        }
        try {
            settings.change(caller.get(), SettingsPatch.read(patch));
        } catch (InvalidRequest invalid) {
            response.setStatus(422);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("timeZone", timeZone);
            values.put("from", from);
            values.put("until", until);
            values.put("days", days == null ? List.of() : days);
            values.put("frequency", frequency);
            values.put("digestDay", digestDay);
            values.put("digestHour", digestHour);
            values.put("digestEmail", digestEmail);
            model.addAttribute("values", values);
            model.addAttribute(
                    "problems",
                    invalid.fields().stream()
                            .map(f -> f.field() + " " + f.message())
                            .toList());
            return settings(model);
        }
        redirect.addFlashAttribute("notice", "Settings saved.");
        return "redirect:/settings";
    }
}
