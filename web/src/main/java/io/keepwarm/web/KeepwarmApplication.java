package io.keepwarm.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The keepwarm server: the HTTP API over the event-sourced core. */
@SpringBootApplication(scanBasePackages = "io.keepwarm")
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
