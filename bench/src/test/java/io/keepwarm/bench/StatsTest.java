package io.keepwarm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentiles_use_the_nearest_rank_so_every_value_was_observed() {
        long[] samples = {15, 20, 35, 40, 50};
        assertThat(Stats.percentileOf(samples, 5)).isEqualTo(15);
        assertThat(Stats.percentileOf(samples, 30)).isEqualTo(20);
        assertThat(Stats.percentileOf(samples, 40)).isEqualTo(20);
        assertThat(Stats.percentileOf(samples, 50)).isEqualTo(35);
        assertThat(Stats.percentileOf(samples, 100)).isEqualTo(50);
    }

    @Test
    void p99_of_a_hundred_samples_is_the_99th_smallest_and_p50_the_50th() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[99 - i] = i + 1; // unsorted on purpose: 100 down to 1
        }
        assertThat(Stats.percentileOf(samples, 50)).isEqualTo(50);
        assertThat(Stats.percentileOf(samples, 99)).isEqualTo(99);
        assertThat(Stats.percentileOf(samples, 99.9)).isEqualTo(100);
    }

    @Test
    void a_single_sample_is_every_percentile() {
        assertThat(Stats.percentileOf(new long[] {7}, 1)).isEqualTo(7);
        assertThat(Stats.percentileOf(new long[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void percentile_refuses_no_samples_and_out_of_range_ranks() {
        assertThatThrownBy(() -> Stats.percentileOf(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentileOf(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentileOf(new long[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spread_gives_min_median_and_max_of_the_runs() {
        assertThat(Stats.Spread.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats.Spread(3, 1.0, 2.0, 3.0));
        assertThat(Stats.Spread.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Stats.Spread(4, 1.0, 2.5, 4.0));
    }
}
