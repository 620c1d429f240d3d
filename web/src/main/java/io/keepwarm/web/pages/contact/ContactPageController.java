package io.keepwarm.web.pages.contact;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.contact.ContactCommands;
import io.keepwarm.application.contact.ContactQueries;
import io.keepwarm.application.contact.ContactView;
import io.keepwarm.application.history.HistoryPage;
import io.keepwarm.application.history.HistoryQueries;
import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.contact.Cadence;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.web.error.InvalidRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One contact: details, going-cold state, cadence (the presets of {@link Cadence#PRESETS} or a number of days),
 * snooze, archive, forget (after a confirmation) and the relationship's timeline. Every action is the same
 * {@link ContactCommands} call the API makes; each answers with a redirect back (post/redirect/get) and a notice.
 */
@Controller
public class ContactPageController {

    private final ContactQueries contacts;
    private final ContactCommands commands;
    private final HistoryQueries history;
    private final CurrentCaller caller;
    private final Clock clock;

    public ContactPageController(
            ContactQueries contacts,
            ContactCommands commands,
            HistoryQueries history,
            CurrentCaller caller,
            Clock clock) {
        this.contacts = contacts;
        this.commands = commands;
        this.history = history;
        this.caller = caller;
        this.clock = clock;
    }

    @GetMapping("/contacts")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute(
                "page",
                contacts.list(caller.get().ownerId(), q, null, null, ContactQueries.DEFAULT_LIMIT, blank(cursor)));
        model.addAttribute("q", q == null ? "" : q);
        return "pages/contact/list";
    }

    @GetMapping("/contacts/{id}")
    String contact(@PathVariable UUID id, Model model) {
        ContactView contact = find(id);
        HistoryPage entries = history.ofContact(
                caller.get().ownerId(), new ContactId(id), io.keepwarm.application.paging.PageLimit.MAX, null);
        model.addAttribute("contact", contact);
        model.addAttribute("timeline", TimelineEntry.of(entries.items()));
        model.addAttribute("olderNotShown", entries.nextCursor() != null);
        model.addAttribute("presets", Cadence.PRESETS);
        model.addAttribute("now", clock.instant());
        model.addAttribute(
                "snoozeDefault",
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusWeeks(2));
        return "pages/contact/contact";
    }

    @PostMapping("/contacts/{id}/cadence")
    String cadence(
            @PathVariable UUID id,
            @RequestParam(required = false) String preset,
            @RequestParam(required = false) String everyDays,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            int days = days(preset, everyDays);
            commands.setCadence(new ContactId(id), days);
            return "Cadence set to every " + days + (days == 1 ? " day." : " days.");
        });
    }

    @PostMapping("/contacts/{id}/cadence/clear")
    String clearCadence(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            commands.clearCadence(new ContactId(id));
            return "No longer tracked.";
        });
    }

    @PostMapping("/contacts/{id}/snooze")
    String snooze(@PathVariable UUID id, @RequestParam(required = false) String until, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            LocalDate day;
            try {
                day = LocalDate.parse(until == null ? "" : until.strip());
            } catch (DateTimeParseException e) {
                throw InvalidRequest.of("until", "must be a date such as 2026-03-01");
            }
            Instant instant = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            commands.snooze(new ContactId(id), instant);
            return "Snoozed until " + day + ".";
        });
    }

    @PostMapping("/contacts/{id}/wake")
    String wake(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            commands.wake(new ContactId(id));
            return "Snooze ended.";
        });
    }

    @PostMapping("/contacts/{id}/archive")
    String archive(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            commands.archive(new ContactId(id));
            return "Archived.";
        });
    }

    @PostMapping("/contacts/{id}/restore")
    String restore(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            commands.restore(new ContactId(id));
            return "Restored from the archive.";
        });
    }

    @GetMapping("/contacts/{id}/forget")
    String confirmForget(@PathVariable UUID id, Model model) {
        model.addAttribute("contact", find(id));
        return "pages/contact/forget";
    }

    @PostMapping("/contacts/{id}/forget")
    String forget(@PathVariable UUID id, RedirectAttributes redirect) {
        find(id);
        commands.forget(new ContactId(id));
        redirect.addFlashAttribute("notice", "The contact was forgotten: their personal data is erased everywhere.");
        return "redirect:/";
    }

    private ContactView find(UUID id) {
        return contacts.findOne(caller.get().ownerId(), new ContactId(id), clock.instant())
                .orElseThrow(() -> OperationRefused.notFound("contact.not-found", "There is no such contact."));
    }

    /** Runs an action and goes back to the contact, with its notice, or with what was wrong with the input. */
    private String act(UUID id, RedirectAttributes redirect, Supplier<String> action) {
        find(id);
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (DomainRuleViolation violation) {
            if (violation.kind() != DomainRuleViolation.Kind.INVALID
                    && violation.kind() != DomainRuleViolation.Kind.CONFLICT) {
                throw violation;
            }
            redirect.addFlashAttribute(
                    "problem",
                    violation.fieldViolations().isEmpty()
                            ? violation.getMessage()
                            : violation.fieldViolations().stream()
                                    .map(v -> v.field() + " " + v.message())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse(""));
        } catch (InvalidRequest invalid) {
            redirect.addFlashAttribute(
                    "problem",
                    invalid.fields().stream()
                            .map(f -> f.field() + " " + f.message())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(""));
        }
        return "redirect:/contacts/" + id;
    }

    /** The cadence asked for: a preset's days, or a number of days; the domain judges the range. */
    private static int days(String preset, String everyDays) {
        if (preset != null && !preset.isBlank()) {
            return Cadence.preset(preset.strip())
                    .map(Cadence::everyDays)
                    .orElseThrow(() -> InvalidRequest.of(
                            "preset", "must be one of " + String.join(", ", Cadence.PRESETS.keySet())));
        }
        try {
            return Integer.parseInt(everyDays == null ? "" : everyDays.strip());
        } catch (NumberFormatException e) {
            throw InvalidRequest.of("everyDays", "must be a whole number of days");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
