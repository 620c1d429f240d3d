package io.keepwarm.application.reports;

import java.util.List;

/**
 * A report was asked for with parameters that do not parse or do not fit together ({@code from} after {@code to},
 * an unknown zone). A query's error, not a rule of the domain, so not a {@code DomainRuleViolation}; the web layer
 * answers it with a 400 naming every bad parameter.
 */
public class InvalidReportQuery extends RuntimeException {

    /** One bad parameter and what is wrong with it. */
    public record Parameter(String name, String message) {}

    private final List<Parameter> parameters;

    InvalidReportQuery(List<Parameter> parameters) {
        super(parameters.get(0).name() + " " + parameters.get(0).message());
        this.parameters = List.copyOf(parameters);
    }

    public List<Parameter> parameters() {
        return parameters;
    }
}
