package io.keepwarm.web.accounts;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.application.eventstore.ClockConfiguration;
import io.keepwarm.application.eventstore.EmbeddedPostgresEnvironment;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code ./keepwarm-server --issue-admin-token[=USERNAME]}: the operator's way back in, run on the machine that
 * runs the server, with the same configuration (data directory or datasource). Prints a new token for the admin
 * {@code USERNAME} (default {@code admin}; re-enabled if disabled, created if missing) on standard output and
 * exits. Whoever can run this can read the database anyway, so it asks for nothing more.
 *
 * <p>A small Spring context of its own: the datasource, Flyway and {@link Accounts}, no web server and no event
 * processors. With the embedded store it uses the PostgreSQL a running server holds, or starts and stops its own.
 * Not a {@code @Configuration}, so the server's component scan never picks it up.
 */
@ImportAutoConfiguration({
    DataSourceAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    TransactionAutoConfiguration.class,
    JdbcTemplateAutoConfiguration.class,
    FlywayAutoConfiguration.class
})
@Import({Accounts.class, ClockConfiguration.class})
public class IssueAdminToken {

    public static final String SWITCH = "--issue-admin-token";
    static final String DEFAULT_USERNAME = "admin";

    /** The username when {@code args} ask for a token, else empty. */
    public static Optional<String> requested(String[] args) {
        return Arrays.stream(args)
                .filter(a -> a.equals(SWITCH) || a.startsWith(SWITCH + "="))
                .findFirst()
                .map(a -> a.equals(SWITCH) ? DEFAULT_USERNAME : a.substring(SWITCH.length() + 1));
    }

    /** Issues the token; returns the process exit code. */
    public static int run(String username, String[] args, PrintStream out, PrintStream err) {
        Optional<String> badName = Accounts.usernameProblem(username);
        if (badName.isPresent()) {
            err.println("keepwarm: the username " + badName.get());
            return 2;
        }
        String[] springArgs = Arrays.stream(args)
                .filter(a -> !a.equals(SWITCH) && !a.startsWith(SWITCH + "="))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IssueAdminToken.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        EmbeddedPostgresEnvironment.ATTACH,
                        "true",
                        "spring.main.banner-mode",
                        "off",
                        "logging.level.root",
                        "WARN"))
                .run(springArgs)) {
            Accounts.IssuedToken issued = context.getBean(Accounts.class).issueAdminToken(username);
            err.println("keepwarm: a new token for the admin '" + username + "' (shown this once; the API's"
                    + " DELETE /api/me/tokens/{id} revokes it):");
            out.println(issued.token());
            return 0;
        } catch (OperationRefused e) {
            err.println("keepwarm: " + e.getMessage());
            return 2;
        }
    }
}
