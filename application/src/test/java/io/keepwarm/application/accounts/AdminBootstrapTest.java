package io.keepwarm.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AdminBootstrapTest {

    private final Accounts accounts = mock(Accounts.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AdminBootstrap.class);

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    @Test
    void the_token_from_the_environment_becomes_the_first_admins_and_is_never_logged() {
        String given = "kw_given-by-the-operator-0123456789";
        when(accounts.bootstrapAdmin(given)).thenReturn(Optional.of(issued(given)));

        new AdminBootstrap(accounts, "  " + given + "\n").createFirstAdmin();

        verify(accounts).bootstrapAdmin(given);
        assertThat(messages()).hasSize(1).noneMatch(m -> m.contains(given) || m.contains("0123456789"));
    }

    @Test
    void without_one_a_generated_token_is_printed_once() {
        String generated = ApiTokens.generate();
        when(accounts.bootstrapAdmin(isNull())).thenReturn(Optional.of(issued(generated)));

        new AdminBootstrap(accounts, "").createFirstAdmin();

        assertThat(messages()).hasSize(1).allMatch(m -> m.contains(generated));
    }

    @Test
    void when_an_admin_exists_nothing_is_created_and_nothing_printed() {
        when(accounts.bootstrapAdmin(any())).thenReturn(Optional.empty());

        new AdminBootstrap(accounts, "").createFirstAdmin();

        assertThat(messages()).isEmpty();
    }

    @Test
    void a_short_token_from_the_environment_is_refused_without_echoing_it() {
        String tooShort = "kw_short";

        assertThatThrownBy(() -> new AdminBootstrap(accounts, tooShort).createFirstAdmin())
                .isInstanceOf(IllegalStateException.class)
                .message()
                .doesNotContain(tooShort);
        verify(accounts, never()).bootstrapAdmin(any());
    }

    @Test
    void a_token_of_31_characters_is_refused_with_a_clear_message_and_one_of_32_accepted() {
        String thirtyOne = "kw_" + "a".repeat(28);
        when(accounts.bootstrapAdmin(any())).thenReturn(Optional.empty());

        assertThatThrownBy(() -> new AdminBootstrap(accounts, thirtyOne).createFirstAdmin())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KEEPWARM_ADMIN_TOKEN is 31 characters long; it must be at least 32")
                .message()
                .doesNotContain(thirtyOne);
        verify(accounts, never()).bootstrapAdmin(any());

        new AdminBootstrap(accounts, thirtyOne + "b").createFirstAdmin();
        verify(accounts).bootstrapAdmin(thirtyOne + "b");
    }

    @Test
    void an_issued_token_prints_only_its_hint() {
        String token = ApiTokens.generate();
        assertThat(issued(token).toString()).doesNotContain(token).contains(ApiTokens.hint(token));
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Accounts.IssuedToken issued(String token) {
        return new Accounts.IssuedToken(UUID.randomUUID(), UUID.randomUUID(), "bootstrap", token, Instant.now(), null);
    }
}
