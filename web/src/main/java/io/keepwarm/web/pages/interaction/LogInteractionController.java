package io.keepwarm.web.pages.interaction;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.contact.ContactCommands;
import io.keepwarm.application.contact.ContactQueries;
import io.keepwarm.application.contact.ContactView;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.DomainRuleViolation.FieldViolation;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.pages.Htmx;
import io.keepwarm.web.pages.dashboard.DashboardFilters;
import io.keepwarm.web.pages.dashboard.GoingColdPanel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Logging a touch with one or more people: they are picked by typing (the contacts query, as
 * {@code GET /api/contacts?q=}), and the interaction goes through the same {@link ContactCommands#logInteraction}
 * and the same checks ({@link ContactCommands#interactionViolations}) as {@code POST /api/interactions}. From the
 * dashboard (htmx) the answer is a fresh form and the refreshed going-cold list, without a reload.
 */
@Controller
public class LogInteractionController {

    static final int MATCHES = 8;

    private final ContactCommands commands;
    private final ContactQueries contacts;
    private final GoingColdPanel goingCold;
    private final Settings settings;
    private final CurrentCaller caller;
    private final Clock clock;

    public LogInteractionController(
            ContactCommands commands,
            ContactQueries contacts,
            GoingColdPanel goingCold,
            Settings settings,
            CurrentCaller caller,
            Clock clock) {
        this.commands = commands;
        this.contacts = contacts;
        this.goingCold = goingCold;
        this.settings = settings;
        this.caller = caller;
        this.clock = clock;
    }

    /** The account's zone: the form's date and time are wall-clock time there. */
    private ZoneId zone() {
        return settings.of(caller.get().ownerId()).timeZone();
    }

    @GetMapping("/interactions/new")
    String form(@RequestParam(required = false) List<String> contactIds, Model model) {
        LogInteractionForm blank = LogInteractionForm.blank(clock.instant(), zone());
        model.addAttribute("form", withPicked(blank, picked(ids(contactIds, new LinkedHashMap<>()))));
        return "pages/interaction/new";
    }

    /** The picker: the people picked so far, and the contacts matching what was typed, not yet picked. */
    @GetMapping("/interactions/picker")
    String picker(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) List<String> contactIds,
            Model model) {
        List<ContactView> picked = picked(ids(contactIds, new LinkedHashMap<>()));
        Set<UUID> pickedIds = picked.stream().map(ContactView::contactId).collect(Collectors.toSet());
        List<ContactView> matches = q == null || q.isBlank()
                ? List.of()
                : contacts.pick(caller.get().ownerId(), q, MATCHES + picked.size()).stream()
                        .filter(c -> !pickedIds.contains(c.contactId()))
                        .limit(MATCHES)
                        .toList();
        model.addAttribute("picked", picked);
        model.addAttribute("matches", matches);
        model.addAttribute("q", q == null ? "" : q.strip());
        return "pages/interaction/form :: picker";
    }

    @PostMapping("/interactions")
    String log(
            @RequestParam(required = false) String interactionId,
            @RequestParam(required = false) List<String> contactIds,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String initiatedBy,
            @RequestParam(required = false) String favor,
            @RequestParam(required = false) String occurredAt,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) Integer limit,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        ZoneId zone = zone();
        UUID id = parse(interactionId, errors);
        List<ContactId> ids = ids(contactIds, errors);
        InteractionRecord record = new InteractionRecord(
                occurredAt(occurredAt, zone, errors),
                value(Channel.class, "channel", channel, errors),
                value(InitiatedBy.class, "initiatedBy", initiatedBy, errors),
                favor == null || favor.isBlank() ? Favor.NONE : value(Favor.class, "favor", favor, errors),
                Note.of(note == null ? null : note.strip()));
        for (FieldViolation violation : commands.interactionViolations(ids, record)) {
            errors.putIfAbsent(field(violation.field()), violation.message());
        }
        List<ContactView> picked = picked(ids);
        if (errors.isEmpty()) {
            try {
                commands.logInteraction(new InteractionId(id), ids, record);
            } catch (DomainRuleViolation refused) {
                if (refused.fieldViolations().isEmpty()) {
                    errors.put("contactIds", refused.getMessage());
                } else {
                    refused.fieldViolations().forEach(v -> errors.putIfAbsent(field(v.field()), v.message()));
                }
            } catch (OperationRefused refused) {
                // a contact that does not exist (any more) for this owner
                errors.put("contactIds", refused.getMessage());
            }
        }
        boolean htmx = Htmx.isHtmx(request);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute(
                    "form",
                    new LogInteractionForm(
                            id == null ? UUID.randomUUID() : id,
                            picked,
                            channel,
                            initiatedBy,
                            favor,
                            occurredAt,
                            note,
                            zone,
                            errors));
            return htmx ? "pages/interaction/form :: panel" : "pages/interaction/new";
        }
        String logged = "Logged a touch with " + names(picked) + ".";
        if (!htmx) {
            redirect.addFlashAttribute("notice", logged);
            return "redirect:/";
        }
        model.addAttribute("form", LogInteractionForm.blank(clock.instant(), zone));
        model.addAttribute("logged", logged);
        goingCold.addTo(model, DashboardFilters.of(status, tag, city, limit), true);
        return "pages/interaction/logged :: fragments";
    }

    private static LogInteractionForm withPicked(LogInteractionForm form, List<ContactView> picked) {
        return new LogInteractionForm(
                form.interactionId(),
                picked,
                form.channel(),
                form.initiatedBy(),
                form.favor(),
                form.occurredAt(),
                form.note(),
                form.zone(),
                form.errors());
    }

    /** The picked contacts that exist for the caller, in the order picked. */
    private List<ContactView> picked(List<ContactId> ids) {
        OwnerId owner = caller.get().ownerId();
        Instant now = clock.instant();
        return ids.stream()
                .limit(100)
                .map(id -> contacts.findOne(owner, id, now))
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    private static String names(List<ContactView> picked) {
        List<String> names = picked.stream().map(ContactView::displayName).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** contactIds[3] is shown at the people picked. */
    private static String field(String field) {
        return field.replaceFirst("\\[.*", "");
    }

    private static List<ContactId> ids(List<String> given, Map<String, String> errors) {
        Set<ContactId> ids = new LinkedHashSet<>();
        if (given != null) {
            for (String value : given) {
                try {
                    ids.add(new ContactId(UUID.fromString(value.strip())));
                } catch (IllegalArgumentException e) {
                    errors.put("contactIds", "pick people from the list");
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private static UUID parse(String interactionId, Map<String, String> errors) {
        try {
            return UUID.fromString(interactionId);
        } catch (RuntimeException e) {
            errors.put("interactionId", "the form was damaged; reload the page");
            return null;
        }
    }

    private static Instant occurredAt(String value, ZoneId zone, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put("occurredAt", "when it happened is required");
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.put("occurredAt", "must be a date and time such as 2026-03-01T09:30");
            return null;
        }
    }

    private static <E extends Enum<E>> E value(Class<E> type, String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put(field, "is required");
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put(field, "is not one of the choices");
            return null;
        }
    }
}
