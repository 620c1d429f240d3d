package io.keepwarm.domain.contact.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The relationship is to be touched every {@code everyDays} days, from {@code setAt} on. */
@Revision("1")
public record CadenceSet(ContactId contactId, OwnerId ownerId, int everyDays, Instant setAt) implements ContactEvent {}
