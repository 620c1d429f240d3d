package io.keepwarm.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The keepwarm server: the HTTP API over the event-sourced core. Scans the application and web packages only, so
 * a classpath that also holds other keepwarm code (the bench module's own in-process Spring application) adds none
 * of its beans to the server.
 */
@SpringBootApplication(scanBasePackages = {"io.keepwarm.application", "io.keepwarm.web"})
public class KeepwarmApplication {

    public static void main(String[] args) {
        disableCallsHome();
        SpringApplication.run(KeepwarmApplication.class, args);
    }

    /** Axon's update checker would call home; it must be off before any Axon class starts. */
    public static void disableCallsHome() {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }
}
