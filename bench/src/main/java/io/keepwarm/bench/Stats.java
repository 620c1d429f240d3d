package io.keepwarm.bench;

import java.util.Arrays;
import java.util.List;

/** The harness's statistics: percentiles of latency samples and min/median/max over repeated runs. */
public final class Stats {

    private Stats() {}

    /**
     * The {@code p}-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest sample such that at least
     * p % of the samples are less than or equal to it. No interpolation, so every reported value was observed.
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Sorts a copy and takes the percentile. */
    public static long percentileOf(long[] samples, double p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return percentile(sorted, p);
    }

    /** Min, median and max of repeated measurements of one figure. */
    public record Spread(int runs, double min, double median, double max) {

        public static Spread of(List<Double> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("no runs");
            }
            double[] sorted =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Spread(n, sorted[0], median, sorted[n - 1]);
        }
    }
}
