package io.keepwarm.application.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On first start with no admin: the value of {@code KEEPWARM_ADMIN_TOKEN} becomes the first admin's token, or
 * one is generated and printed once to the log. It is never printed again, and never stored in plain text.
 */
@Component
public class AdminBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    static final int MIN_GIVEN_TOKEN_LENGTH = 32;

    private final Accounts accounts;
    private final String givenToken;

    public AdminBootstrap(
            Accounts accounts, @Value("${keepwarm.admin-token:${KEEPWARM_ADMIN_TOKEN:}}") String givenToken) {
        this.accounts = accounts;
        this.givenToken = givenToken == null || givenToken.isBlank() ? null : givenToken.strip();
    }

    /**
     * Runs once every bean exists (Flyway has migrated) and before the web server takes requests, so no
     * request can arrive while there is no admin yet.
     */
    @Override
    public void afterSingletonsInstantiated() {
        createFirstAdmin();
    }

    public void createFirstAdmin() {
        if (givenToken != null && givenToken.length() < MIN_GIVEN_TOKEN_LENGTH) {
            throw new IllegalStateException("KEEPWARM_ADMIN_TOKEN is " + givenToken.length()
                    + " characters long; it must be at least " + MIN_GIVEN_TOKEN_LENGTH
                    + " (a guessable admin token is worse than none). Generate one with: openssl rand -base64 32");
        }
        accounts.bootstrapAdmin(givenToken).ifPresent(issued -> {
            if (givenToken != null) {
                log.info("created the first admin 'admin' with the token from KEEPWARM_ADMIN_TOKEN");
            } else {
                log.warn("""
                        created the first admin 'admin'. Its token is shown this once; keep it safe:

                            {}

                        """, issued.token());
            }
        });
    }
}
