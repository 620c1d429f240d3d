package io.keepwarm.web;

import io.keepwarm.web.accounts.IssueAdminToken;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The keepwarm server: the HTTP API over the event-sourced core. It scans its own two Spring modules only (the
 * domain has no Spring), so another module on the class path, such as the benchmark's, cannot add beans to it.
 */
@SpringBootApplication(scanBasePackages = {"io.keepwarm.application", "io.keepwarm.web"})
public class KeepwarmApplication {

    public static void main(String[] args) {
        disableCallsHome();
        Optional<String> adminTokenFor = IssueAdminToken.requested(args);
        if (adminTokenFor.isPresent()) {
            System.exit(IssueAdminToken.run(adminTokenFor.get(), args, System.out, System.err));
        }
        SpringApplication.run(KeepwarmApplication.class, args);
    }

    /** Axon's update checker would call home; it must be off before any Axon class starts. */
    public static void disableCallsHome() {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }
}
