package io.keepwarm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one closed-loop scenario, each beside its ceiling's run on the same server: prints each pair as it is
 * measured and turns the runs into the scenario's figures (p50, p99, throughput: median of the runs beside the
 * ceiling's), so that every latency scenario records and prints them the same way.
 */
final class PairedRuns {

    /** What one run gave: its latencies and its rate. */
    record Sample(double p50Millis, double p99Millis, double perSecond) {

        static Sample of(Load.Result result) {
            return new Sample(result.p50Millis(), result.p99Millis(), result.perSecond());
        }
    }

    /** Which figure of the runs. */
    enum Measure {
        P50("p50 latency", Results.Better.LOWER, Sample::p50Millis),
        P99("p99 latency", Results.Better.LOWER, Sample::p99Millis),
        RATE("throughput", Results.Better.HIGHER, Sample::perSecond);

        final String label;
        final Results.Better better;
        final ToDoubleFunction<Sample> of;

        Measure(String label, Results.Better better, ToDoubleFunction<Sample> of) {
            this.label = label;
            this.better = better;
            this.of = of;
        }
    }

    private final String scenario;
    private final String measuredLabel;
    private final String ceilingLabel;
    private final String ceilingName;
    private final String rateUnit;
    private final List<Sample> measured = new ArrayList<>();
    private final List<Sample> ceiling = new ArrayList<>();

    /**
     * @param measuredLabel and {@code ceilingLabel}: how a run's line names the two sides ("HTTP", "SQL")
     * @param ceilingName the ceiling as the results describe it
     * @param rateUnit the unit of the throughput figure ("requests/s")
     */
    PairedRuns(String scenario, String measuredLabel, String ceilingLabel, String ceilingName, String rateUnit) {
        this.scenario = scenario;
        this.measuredLabel = measuredLabel;
        this.ceilingLabel = ceilingLabel;
        this.ceilingName = ceilingName;
        this.rateUnit = rateUnit;
    }

    /** Records one run and its ceiling's run, and prints them as one line. */
    void add(Load.Result measured, Load.Result ceiling) {
        add(Sample.of(measured), Sample.of(ceiling));
    }

    void add(Sample measured, Sample ceiling) {
        this.measured.add(measured);
        this.ceiling.add(ceiling);
        System.out.println("  run " + this.measured.size() + ": " + line(measuredLabel, measured) + "; "
                + line(ceilingLabel, ceiling));
    }

    /** The same measured runs beside another ceiling (the write scenario's job ceiling), printed as they were added. */
    PairedRuns against(String ceilingLabel, String ceilingName, List<Sample> otherCeiling) {
        PairedRuns other = new PairedRuns(scenario, measuredLabel, ceilingLabel, ceilingName, rateUnit);
        other.measured.addAll(measured);
        other.ceiling.addAll(otherCeiling);
        return other;
    }

    private String line(String label, Sample sample) {
        return String.format(
                Locale.ROOT,
                "%s p50 %.1f ms, p99 %.1f ms, %.0f/s",
                label,
                sample.p50Millis(),
                sample.p99Millis(),
                sample.perSecond());
    }

    /** One figure of the runs: {@code name} follows the measure's label ("p99 latency, " + name). */
    Results.Figure figure(Measure measure, String name, Results.Goal goal, String note) {
        return Results.Figure.of(
                scenario,
                measure.label + (name.isEmpty() || name.startsWith(" ") ? name : ", " + name),
                measure == Measure.RATE ? rateUnit : "ms",
                values(measured, measure),
                ceilingName,
                values(ceiling, measure),
                measure.better,
                goal,
                note);
    }

    Results.Figure figure(Measure measure, String name) {
        return figure(measure, name, Results.Goal.NONE, null);
    }

    private static List<Double> values(List<Sample> samples, Measure measure) {
        return samples.stream().map(s -> measure.of.applyAsDouble(s)).toList();
    }
}
