package io.keepwarm.web.pages.reports;

import io.keepwarm.application.reports.ActivityPeriod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The activity report drawn as an SVG on the server: a bar per period for its interactions, and a line for the
 * cadence adherence (0–100 %). Only geometry: the figures are the report's. No chart library reaches the browser.
 */
public record ActivityChart(
        int width,
        int height,
        int plotTop,
        int plotBottom,
        int plotLeft,
        int plotRight,
        List<Bar> bars,
        String adherence,
        List<Tick> ticks) {

    /** One period's bar, its label (shown for every n-th period so that labels never overlap) and its figures. */
    public record Bar(String x, String y, String width, String height, String labelX, String label, String title) {}

    /** A horizontal grid line with its count. */
    public record Tick(String y, String label) {}

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    static final int LEFT = 40;
    static final int RIGHT = 12;
    static final int TOP = 14;
    static final int BOTTOM = 34;

    static ActivityChart of(List<ActivityPeriod> periods) {
        int max = Math.max(
                1, periods.stream().mapToInt(ActivityPeriod::interactions).max().orElse(0));
        int top = niceCeiling(max);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double step = periods.isEmpty() ? plotWidth : plotWidth / periods.size();
        double barWidth = Math.max(1, step * 0.7);
        int labelEvery = Math.max(1, (int) Math.ceil(periods.size() / (plotWidth / 64)));
        List<Bar> bars = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < periods.size(); i++) {
            ActivityPeriod period = periods.get(i);
            double h = plotHeight * period.interactions() / top;
            double x = LEFT + i * step + (step - barWidth) / 2;
            double centre = LEFT + i * step + step / 2;
            bars.add(new Bar(
                    n(x),
                    n(TOP + plotHeight - h),
                    n(barWidth),
                    n(h),
                    n(centre),
                    i % labelEvery == 0 ? period.period() : "",
                    period.period() + ": " + period.interactions() + " interactions, " + period.asks() + " asks, "
                            + period.gives() + " gives, adherence "
                            + (period.adherence() == null
                                    ? "n/a"
                                    : Math.round(period.adherence().doubleValue() * 100) + " %")));
            if (period.adherence() != null) {
                line.append(line.isEmpty() ? "" : " ")
                        .append(n(centre))
                        .append(',')
                        .append(n(TOP + plotHeight * (1 - period.adherence().doubleValue())));
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (int k = 0; k <= 4; k++) {
            int value = top * k / 4;
            if (k > 0 && value == top * (k - 1) / 4) {
                continue;
            }
            ticks.add(new Tick(n(TOP + plotHeight - plotHeight * value / top), Integer.toString(value)));
        }
        return new ActivityChart(
                WIDTH, HEIGHT, TOP, HEIGHT - BOTTOM, LEFT, WIDTH - RIGHT, bars, line.toString(), ticks);
    }

    /** 1, 2, 5, 10, 20, 50… at or above the value, so the grid reads in round numbers. */
    static int niceCeiling(int value) {
        int magnitude = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (m * magnitude >= value) {
                    return m * magnitude;
                }
            }
            magnitude *= 10;
        }
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
