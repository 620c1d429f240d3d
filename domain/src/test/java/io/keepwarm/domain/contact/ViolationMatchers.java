package io.keepwarm.domain.contact;

import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.DomainRuleViolation.FieldViolation;
import io.keepwarm.domain.DomainRuleViolation.Kind;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for {@link DomainRuleViolation}, for {@code ResultValidator.expectException(Matcher)}. */
final class ViolationMatchers {

    private ViolationMatchers() {}

    /** A validation failure naming exactly these fields (no more, no fewer). */
    static Matcher<DomainRuleViolation> invalid(String... fields) {
        return violation(Kind.INVALID, "validation", fields);
    }

    static Matcher<DomainRuleViolation> notFound(String code) {
        return violation(Kind.NOT_FOUND, code);
    }

    static Matcher<DomainRuleViolation> conflict(String code) {
        return violation(Kind.CONFLICT, code);
    }

    static Matcher<DomainRuleViolation> violation(Kind kind, String code, String... fields) {
        Set<String> expectedFields = Set.copyOf(Arrays.asList(fields));
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainRuleViolation violation) {
                return violation.kind() == kind
                        && code.equals(violation.code())
                        && expectedFields.equals(fieldsOf(violation));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(
                        "a DomainRuleViolation " + kind + " '" + code + "' naming fields " + expectedFields);
            }

            @Override
            protected void describeMismatchSafely(DomainRuleViolation violation, Description description) {
                description.appendText("was " + violation.kind() + " '" + violation.code() + "' naming "
                        + violation.fieldViolations());
            }
        };
    }

    private static Set<String> fieldsOf(DomainRuleViolation violation) {
        return violation.fieldViolations().stream().map(FieldViolation::field).collect(Collectors.toSet());
    }
}
