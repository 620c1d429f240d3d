package io.keepwarm.application.goingcold;

import io.keepwarm.domain.contact.GoingColdStatus;
import io.keepwarm.domain.contact.api.OwnerId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of the owner's relationships are going cold at {@code at}, filtered as the API and the pages allow.
 * {@code tags}: null or empty for any; otherwise a row must carry every one of them (AND). Tags are stored in lower
 * case, so they are matched so, whoever asks.
 */
public record FindGoingCold(
        OwnerId ownerId,
        Set<GoingColdStatus> statuses,
        List<String> tags,
        String city,
        int limit,
        Instant at,
        boolean includeSnoozed) {

    public static final Set<GoingColdStatus> DEFAULT_STATUSES =
            EnumSet.of(GoingColdStatus.DUE_SOON, GoingColdStatus.OVERDUE, GoingColdStatus.COLD);
    public static final int DEFAULT_LIMIT = 100;

    public FindGoingCold {
        tags = tags == null || tags.isEmpty()
                ? null
                : tags.stream()
                        .map(tag -> tag.toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList();
    }
}
