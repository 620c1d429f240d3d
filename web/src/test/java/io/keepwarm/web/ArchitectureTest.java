package io.keepwarm.web;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.keepwarm.application.goingcold.GoingColdProjection;
import io.keepwarm.application.projection.ProjectionDefinition;
import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.contact.Contact;
import io.keepwarm.domain.contact.GoingCold;
import io.keepwarm.domain.contact.GoingColdRules;
import io.keepwarm.domain.contact.GoingColdStatus;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.web.contact.ContactController;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdvice;

/**
 * The module and package rules of STYLE.md, checked on the compiled classes of all three modules (domain and
 * application are on web's test classpath). Test classes are left out, so only production code is judged.
 */
class ArchitectureTest {

    private static final JavaClasses KEEPWARM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.keepwarm");

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    @Test
    void the_rules_see_the_classes_of_all_three_modules() {
        assertThat(KEEPWARM.contain(Contact.class)).isTrue();
        assertThat(KEEPWARM.contain(GoingColdProjection.class)).isTrue();
        assertThat(KEEPWARM.contain(ContactController.class)).isTrue();
        assertThat(KEEPWARM.stream().anyMatch(c -> c.getSimpleName().equals("ArchitectureTest")))
                .as("test classes are not judged")
                .isFalse();
    }

    // --- modules point one way: web -> application -> domain --------------------------------------------------

    @Test
    void the_domain_depends_on_neither_application_nor_web() {
        noClasses()
                .that()
                .resideInAPackage("io.keepwarm.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.keepwarm.application..", "io.keepwarm.web..")
                .check(KEEPWARM);
    }

    @Test
    void the_application_does_not_depend_on_web() {
        noClasses()
                .that()
                .resideInAPackage("io.keepwarm.application..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.keepwarm.web..")
                .check(KEEPWARM);
    }

    @Test
    void domain_classes_depend_on_no_spring_jdbc_jackson_or_jakarta() {
        noClasses()
                .that()
                .resideInAPackage("io.keepwarm.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "com.fasterxml.jackson..",
                        "jakarta..",
                        "javax.persistence..",
                        "org.postgresql..",
                        "org.flywaydb..",
                        "org.slf4j..")
                .check(KEEPWARM);
    }

    @Test
    void the_domain_uses_nothing_of_axon_but_its_modelling_and_event_sourcing_annotations() {
        classes()
                .that()
                .resideInAPackage("io.keepwarm.domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "io.keepwarm.domain..",
                        "java..",
                        // ICU's collation: the one order of names (NameOrder, docs/adr/0018-search-and-name-order.md)
                        "com.ibm.icu..",
                        "org.axonframework.modelling..",
                        "org.axonframework.eventsourcing..",
                        "org.axonframework.commandhandling..",
                        "org.axonframework.serialization..")
                .check(KEEPWARM);
    }

    @Test
    void nothing_uses_jpa() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.persistence..",
                        "javax.persistence..",
                        "org.hibernate..",
                        "org.axonframework.eventsourcing.eventstore.jpa..")
                .check(KEEPWARM);
    }

    // --- the going-cold formula lives in one place ------------------------------------------------------------

    /** Warmth is 100 × 2^(−r): any power or exponential outside GoingColdRules is a second copy of the formula. */
    static final ArchRule ONLY_THE_RULES_RAISE_POWERS = noClasses()
            .that()
            .doNotHaveFullyQualifiedName(GoingColdRules.class.getName())
            .should()
            .callMethodWhere(describe(
                    "Math/StrictMath pow, exp or scalb",
                    (JavaMethodCall call) -> (call.getTargetOwner().isEquivalentTo(Math.class)
                                    || call.getTargetOwner().isEquivalentTo(StrictMath.class))
                            && (call.getName().equals("pow")
                                    || call.getName().equals("exp")
                                    || call.getName().equals("scalb"))))
            .because("the going-cold formula (SPEC §2) lives only in GoingColdRules");

    /** A ratio, status and warmth (a GoingCold) come only out of GoingColdRules.assess. */
    static final ArchRule ONLY_THE_RULES_ASSESS = noClasses()
            .that()
            .doNotHaveFullyQualifiedName(GoingColdRules.class.getName())
            .should()
            .callConstructorWhere(
                    describe("a GoingCold constructor", (JavaConstructorCall call) -> call.getTargetOwner()
                            .isEquivalentTo(GoingCold.class)))
            .because("every going-cold assessment comes from GoingColdRules.assess, used by projection, reports "
                    + "and tests alike");

    @Test
    void the_going_cold_formula_lives_only_in_GoingColdRules() {
        ONLY_THE_RULES_RAISE_POWERS.check(KEEPWARM);
        ONLY_THE_RULES_ASSESS.check(KEEPWARM);
    }

    /** A second copy of the rules, as someone might write it in a report; the rules above must catch it. */
    static final class RogueReport {

        static int warmth(double ratio) {
            return (int) Math.round(100 * Math.pow(2, -ratio));
        }

        static GoingCold assess(double ratio) {
            return new GoingCold(
                    Instant.EPOCH,
                    Instant.EPOCH,
                    0,
                    ratio,
                    GoingColdStatus.COLD,
                    warmth(ratio),
                    false,
                    0,
                    0,
                    0,
                    false,
                    null,
                    false);
        }
    }

    @Test
    void the_going_cold_rules_catch_a_second_copy_of_the_formula() {
        JavaClasses rogue = new ClassFileImporter().importClasses(RogueReport.class);

        assertThatThrownBy(() -> ONLY_THE_RULES_RAISE_POWERS.check(rogue))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Math.pow");
        assertThatThrownBy(() -> ONLY_THE_RULES_ASSESS.check(rogue))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GoingCold.<init>");
    }

    // --- packages ------------------------------------------------------------------------------------------------

    /** The application's feature packages form no cycle: each can be read (and changed) without the ones above it. */
    @Test
    void the_application_packages_form_no_cycle() {
        slices().matching("io.keepwarm.application.(*)..")
                .should()
                .beFreeOfCycles()
                .check(KEEPWARM);
    }

    // --- every consumer handles every event ---------------------------------------------------------------------

    /**
     * Consumers of contact events (projections, reports, the history's summaries, the sealing serializer) handle
     * them through {@code ContactEvent.Visitor}, whose one method per event type makes a new event a compile error
     * wherever it is not handled; an {@code instanceof} on an event type would let one slip through silently.
     */
    static final ArchRule EVENTS_ARE_VISITED_NOT_TESTED = noClasses()
            .that()
            .resideOutsideOfPackage("io.keepwarm.domain.contact.api")
            .should(testWithInstanceofAnEventType())
            .because("a new ContactEvent must fail to compile where it is not handled (ContactEvent.Visitor)");

    @Test
    void contact_events_are_visited_never_tested_with_instanceof() {
        EVENTS_ARE_VISITED_NOT_TESTED.check(KEEPWARM);
    }

    /** A consumer with an instanceof chain, as one was written before; the rule above must catch it. */
    static final class InstanceofConsumer {

        static String summary(ContactEvent event) {
            return event instanceof io.keepwarm.domain.contact.api.ContactArchived ? "archived" : "other";
        }
    }

    @Test
    void the_visitor_rule_catches_an_instanceof_chain() {
        assertThatThrownBy(() -> EVENTS_ARE_VISITED_NOT_TESTED.check(
                        new ClassFileImporter().importClasses(InstanceofConsumer.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ContactArchived");
    }

    private static ArchCondition<JavaClass> testWithInstanceofAnEventType() {
        return new ArchCondition<>("test with instanceof a ContactEvent type") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (InstanceofCheck check : item.getInstanceofChecks()) {
                    JavaClass type = check.getRawType();
                    if (type.isAssignableTo(ContactEvent.class) && !type.isEquivalentTo(ContactEvent.class)) {
                        events.add(SimpleConditionEvent.satisfied(
                                item,
                                item.getName() + " tests instanceof " + type.getName() + " in "
                                        + check.getSourceCodeLocation()));
                    }
                }
            }
        };
    }

    // --- commands and events: the published language ------------------------------------------------------------

    @Test
    void events_are_records_with_an_explicit_revision_in_the_api_package() {
        classes()
                .that()
                .implement(ContactEvent.class)
                .should()
                .beRecords()
                .andShould()
                .beAnnotatedWith(Revision.class)
                .andShould()
                .resideInAPackage("io.keepwarm.domain.contact.api")
                .check(KEEPWARM);
    }

    @Test
    void commands_are_records_in_the_api_package() {
        classes()
                .that()
                .containAnyFieldsThat(describe(
                        "a @TargetAggregateIdentifier",
                        (JavaField field) -> field.isAnnotatedWith(TargetAggregateIdentifier.class)))
                .should()
                .beRecords()
                .andShould()
                .resideInAPackage("io.keepwarm.domain.contact.api")
                .check(KEEPWARM);
    }

    @Test
    void neither_the_domain_nor_a_projection_reads_the_clock() {
        noClasses()
                .that()
                .resideInAPackage("io.keepwarm.domain..")
                .or()
                .haveSimpleNameEndingWith("Projection")
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .because("commands carry their instants, projections use event data and the event timestamp")
                .check(KEEPWARM);
    }

    // --- web ---------------------------------------------------------------------------------------------------

    @Test
    void api_controllers_live_in_a_feature_package_of_web_and_are_named_controller() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .resideInAPackage("io.keepwarm.web.*")
                .andShould()
                .haveSimpleNameEndingWith("Controller")
                .check(KEEPWARM);
        classes()
                .that()
                .haveSimpleNameEndingWith("Controller")
                .and()
                .areTopLevelClasses()
                .and()
                .resideOutsideOfPackage("io.keepwarm.web.pages..")
                .should()
                .beAnnotatedWith(RestController.class)
                .check(KEEPWARM);
    }

    /**
     * Pages beside the API, not inside it: page controllers ({@code @Controller}, rendering views) live in
     * {@code web.pages.<feature>}, API controllers ({@code @RestController}) outside it, and neither calls the
     * other: both call the same application services.
     */
    @Test
    void page_controllers_live_in_web_pages_and_share_nothing_with_api_controllers_but_the_application() {
        classes()
                .that()
                .areAnnotatedWith(Controller.class)
                .should()
                .resideInAPackage("io.keepwarm.web.pages..")
                .andShould()
                .haveSimpleNameEndingWith("Controller")
                .check(KEEPWARM);
        classes()
                .that()
                .haveSimpleNameEndingWith("Controller")
                .and()
                .areTopLevelClasses()
                .and()
                .resideInAPackage("io.keepwarm.web.pages..")
                .should()
                .beAnnotatedWith(Controller.class)
                .check(KEEPWARM);
        noClasses()
                .that()
                .resideInAPackage("io.keepwarm.web.pages..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(RestController.class)
                .check(KEEPWARM);
        noClasses()
                .that()
                .resideOutsideOfPackage("io.keepwarm.web.pages..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.keepwarm.web.pages..")
                .check(KEEPWARM);
        // what two pages show alike is built by a component of its own (GoingColdPanel), not by one page
        // controller calling another
        noClasses()
                .that()
                .areAnnotatedWith(Controller.class)
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "another page controller",
                        (com.tngtech.archunit.core.domain.JavaClass target) ->
                                target.isAnnotatedWith(Controller.class)))
                .check(KEEPWARM);
    }

    @Test
    void controllers_stay_thin_and_never_touch_sql_or_the_command_gateway() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(Controller.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "org.springframework.jdbc..",
                        "org.axonframework.commandhandling.gateway..")
                .because("a controller maps a request to the application's commands and queries")
                .check(KEEPWARM);
    }

    @Test
    void one_controller_advice_in_web_error_turns_failures_into_problems() {
        classes()
                .that()
                .areAnnotatedWith(RestControllerAdvice.class)
                .should()
                .resideInAPackage("io.keepwarm.web.error")
                .check(KEEPWARM);
        assertThat(KEEPWARM.stream()
                        .filter(c -> c.isAnnotatedWith(RestControllerAdvice.class))
                        .count())
                .isEqualTo(1);
        classes()
                .that()
                .areAnnotatedWith(ControllerAdvice.class)
                .and()
                .areNotAssignableTo(RequestBodyAdvice.class)
                .should()
                .resideInAPackage("io.keepwarm.web.pages")
                .because("the pages show a human error page; the API's failures stay problems")
                .check(KEEPWARM);
    }

    @Test
    void the_spring_boot_application_lives_in_web() {
        classes()
                .that()
                .areAnnotatedWith(SpringBootApplication.class)
                .should()
                .resideInAPackage("io.keepwarm.web")
                .check(KEEPWARM);
    }

    // --- projections ---------------------------------------------------------------------------------------------

    /**
     * Projections are versioned (blue/green rebuilds, ADR 6): each version's instance writes the tables that
     * {@code ProjectionTables} names for it, and its processor is named after the projection and version.
     */
    static final ArchRule PROJECTIONS_ARE_VERSIONED_AND_RESETTABLE = classes()
            .that()
            .haveSimpleNameEndingWith("Projection")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("io.keepwarm.application.projection.ProjectionTables")
            .andShould()
            .resideInAPackage("io.keepwarm.application..")
            .andShould(haveAResetHandler());

    @Test
    void projections_write_their_versioned_tables_live_in_application_and_have_a_reset_path() {
        PROJECTIONS_ARE_VERSIONED_AND_RESETTABLE.check(KEEPWARM);
    }

    /** A projection that writes no versioned tables and has no reset handler; the rule above must catch it. */
    static final class UnversionedProjection {

        @EventHandler
        void on(Object event) {}
    }

    @Test
    void the_projection_rule_catches_a_projection_that_is_not_versioned() {
        assertThatThrownBy(() -> PROJECTIONS_ARE_VERSIONED_AND_RESETTABLE.check(
                        new ClassFileImporter().importClasses(UnversionedProjection.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ProjectionTables");
    }

    @Test
    void admin_operations_refuse_with_their_own_layers_error_not_the_aggregates() {
        noClasses()
                .that()
                .resideInAPackage("io.keepwarm.application.projection..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.keepwarm.domain.DomainRuleViolation")
                .because("DomainRuleViolation is for the contact aggregate's rules; an admin operation is refused "
                        + "with OperationRefused")
                .check(KEEPWARM);
    }

    /**
     * The web layer reads HTTP and answers it: a request that does not parse is its own {@code InvalidRequest}, a
     * thing not found is the application's {@code OperationRefused}. Only ProblemHandling, which maps the domain's
     * violations to problems, knows DomainRuleViolation.
     */
    @Test
    void the_web_layer_refuses_requests_with_its_own_errors_not_the_aggregates() {
        DescribedPredicate<JavaCodeUnitAccess<?>> raisesARuleViolation = describe(
                "a constructor or factory of DomainRuleViolation",
                access -> access.getTargetOwner().isEquivalentTo(DomainRuleViolation.class)
                        && (access instanceof JavaConstructorCall
                                || access.getTarget()
                                        .resolveMember()
                                        .map(m -> m.getModifiers().contains(JavaModifier.STATIC))
                                        .orElse(false)));
        noClasses()
                .that()
                .resideInAPackage("io.keepwarm.web..")
                .should()
                .callCodeUnitWhere(raisesARuleViolation)
                .because("DomainRuleViolation is for the contact aggregate's rules; bad HTTP input is an "
                        + "InvalidRequest, an unknown or refused thing an OperationRefused (the web layer may render "
                        + "the aggregate's refusals, as ProblemHandling and the pages' forms do, but never raises one)")
                .check(KEEPWARM);
    }

    /**
     * Not found, conflict and stale are the aggregate's answers to a command; the application refuses with its own
     * {@code OperationRefused} (an account, a token, an interaction id no registry knows, a stream that does not
     * exist). The application may still pass on the domain's field rules ({@code DomainRuleViolation.invalid}).
     */
    @Test
    void only_the_domain_refuses_with_not_found_conflict_or_stale_rule_violations() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.keepwarm.domain..")
                .should()
                .callMethod(DomainRuleViolation.class, "notFound", String.class, String.class)
                .orShould()
                .callMethod(DomainRuleViolation.class, "conflict", String.class, String.class)
                .orShould()
                .callMethod(DomainRuleViolation.class, "stale", String.class, String.class)
                .orShould()
                .callConstructorWhere(describe(
                        "a constructor of DomainRuleViolation",
                        (JavaConstructorCall call) -> call.getTargetOwner().isEquivalentTo(DomainRuleViolation.class)))
                .because("the application refuses with OperationRefused, which ProblemHandling maps once")
                .check(KEEPWARM);
    }

    @Test
    void read_models_that_serve_reads_are_named_read_model() {
        classes()
                .that()
                .implement(ProjectionDefinition.class)
                .should()
                .haveSimpleNameEndingWith("ReadModel")
                .check(KEEPWARM);
    }

    @Test
    void every_event_handler_sits_in_a_class_with_a_kebab_case_processing_group() {
        methods()
                .that()
                .areAnnotatedWith(EventHandler.class)
                .should()
                .beDeclaredInClassesThat(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("Projection")
                                .or(com.tngtech.archunit.base.DescribedPredicate.describe(
                                        "annotated with @ProcessingGroup",
                                        (JavaClass c) -> c.isAnnotatedWith(ProcessingGroup.class))))
                .because("without a group (or a versioned processor, for *Projection classes), Axon names the "
                        + "processor after the Java package")
                .check(KEEPWARM);
        classes()
                .that()
                .areAnnotatedWith(ProcessingGroup.class)
                .should(haveAKebabCaseProcessingGroup())
                .check(KEEPWARM);
    }

    private static ArchCondition<JavaClass> haveAResetHandler() {
        return new ArchCondition<>("have a @ResetHandler") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean resets = item.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(ResetHandler.class));
                events.add(new SimpleConditionEvent(
                        item, resets, item.getName() + (resets ? " has" : " has no") + " @ResetHandler method"));
            }
        };
    }

    private static ArchCondition<JavaClass> haveAKebabCaseProcessingGroup() {
        return new ArchCondition<>("have a kebab-case processing group") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String group = item.getAnnotationOfType(ProcessingGroup.class).value();
                boolean kebab = KEBAB_CASE.matcher(group).matches();
                events.add(new SimpleConditionEvent(
                        item, kebab, item.getName() + " has processing group '" + group + "'"));
            }
        };
    }
}
