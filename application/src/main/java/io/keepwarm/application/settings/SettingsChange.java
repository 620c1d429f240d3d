package io.keepwarm.application.settings;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One recorded change of an account's settings: the fields changed, each {from, to}, who and when. */
public record SettingsChange(
        long version, Instant changedAt, UUID actorId, String correlationId, Map<String, Object> changes) {}
