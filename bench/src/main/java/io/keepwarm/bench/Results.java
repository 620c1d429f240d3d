package io.keepwarm.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every figure of one harness run, written as {@code latest.md} and {@code latest.json}. */
final class Results {

    /** Whether a higher or a lower value is better, for the goal check. */
    enum Better {
        HIGHER,
        LOWER
    }

    /**
     * One figure beside its ceiling.
     *
     * @param goalRatio  when set, the goal is value.median ≥ goalRatio × ceiling.median (for {@code LOWER}:
     *                   value.median ≤ goalRatio × ceiling.median)
     * @param goalAbsolute when set, the goal is value.median (or the max for {@code LOWER}) within this bound
     */
    record Figure(
            String scenario,
            String name,
            String unit,
            Stats.Spread value,
            String ceilingName,
            Stats.Spread ceiling,
            Better better,
            Double goalRatio,
            Double goalAbsolute,
            String goal,
            String note) {

        /**
         * The one way a scenario states a figure: the spread of its runs beside the spread of its ceiling's runs
         * (null when it has none), and its goal.
         */
        static Figure of(
                String scenario,
                String name,
                String unit,
                List<Double> runs,
                String ceilingName,
                List<Double> ceilingRuns,
                Better better,
                Goal goal,
                String note) {
            return new Figure(
                    scenario,
                    name,
                    unit,
                    Stats.Spread.of(runs),
                    ceilingName,
                    ceilingRuns == null ? null : Stats.Spread.of(ceilingRuns),
                    better,
                    goal.ratio(),
                    goal.absolute(),
                    goal.text(),
                    note);
        }

        Double ratio() {
            return ceiling == null || ceiling.median() == 0 ? null : value.median() / ceiling.median();
        }

        Boolean met() {
            if (goalRatio != null) {
                Double ratio = ratio();
                return ratio == null ? null : better == Better.LOWER ? ratio <= goalRatio : ratio >= goalRatio;
            }
            if (goalAbsolute != null) {
                return better == Better.LOWER ? value.median() <= goalAbsolute : value.median() >= goalAbsolute;
            }
            return null;
        }
    }

    /** A figure's goal: a ratio to its ceiling, an absolute value, or none. */
    record Goal(Double ratio, Double absolute, String text) {

        static final Goal NONE = new Goal(null, null, null);

        static Goal ratio(double ratio, String text) {
            return new Goal(ratio, null, text);
        }

        static Goal absolute(double absolute, String text) {
            return new Goal(null, absolute, text);
        }
    }

    /** Peak memory of the server during one scenario. */
    record Memory(
            String scenario, long peakHeapBytes, long peakOldGenBytes, long peakRssBytes, int samples, String note) {

        Memory(String scenario, MemorySampler.Peak peak, String note) {
            this(scenario, peak.heapBytes(), peak.oldGenBytes(), peak.rssBytes(), peak.samples(), note);
        }

        boolean heapGoalMet() {
            return peakHeapBytes <= 512L * 1024 * 1024;
        }
    }

    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<Memory> memory = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void environment(String key, Object value) {
        environment.put(key, value);
    }

    void add(Figure figure) {
        figures.add(figure);
        System.out.println("  = " + line(figure));
    }

    void memory(Memory peak) {
        memory.add(peak);
        System.out.printf(
                Locale.ROOT,
                "  = memory during %s: peak heap %s MiB (old gen %s MiB), peak RSS %s MiB (%d samples)%n",
                peak.scenario(),
                mib(peak.peakHeapBytes()),
                mib(peak.peakOldGenBytes()),
                mib(peak.peakRssBytes()),
                peak.samples());
    }

    void note(String note) {
        notes.add(note);
        System.out.println("  note: " + note);
    }

    private static String line(Figure f) {
        StringBuilder s = new StringBuilder(f.scenario() + " / " + f.name() + ": median "
                + num(f.value().median()) + " " + f.unit() + " (" + f.value().runs() + " runs, "
                + num(f.value().min()) + "–" + num(f.value().max()) + ")");
        if (f.ceiling() != null) {
            s.append("; ceiling ").append(num(f.ceiling().median())).append(" ").append(f.unit());
            if (f.ratio() != null) {
                s.append("; ratio ").append(ratioText(f));
            }
        }
        if (f.goal() != null) {
            s.append("; goal ").append(f.goal()).append(f.met() == null ? "" : f.met() ? " — met" : " — MISSED");
        }
        return s.toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("latest.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("environment", environment);
        List<Map<String, Object>> figureList = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", f.scenario());
            m.put("figure", f.name());
            m.put("unit", f.unit());
            m.put("runs", f.value().runs());
            m.put("min", round(f.value().min()));
            m.put("median", round(f.value().median()));
            m.put("max", round(f.value().max()));
            if (f.ceiling() != null) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("what", f.ceilingName());
                c.put("runs", f.ceiling().runs());
                c.put("min", round(f.ceiling().min()));
                c.put("median", round(f.ceiling().median()));
                c.put("max", round(f.ceiling().max()));
                m.put("ceiling", c);
                m.put("ratio", f.ratio() == null ? null : round(f.ratio()));
            }
            m.put("goal", f.goal());
            m.put("goalMet", f.met());
            m.put("note", f.note());
            figureList.add(m);
        }
        json.put("figures", figureList);
        List<Map<String, Object>> memoryList = new ArrayList<>();
        for (Memory m : memory) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("scenario", m.scenario());
            e.put("peakHeapMiB", round(m.peakHeapBytes() / 1048576.0));
            e.put("peakOldGenMiB", round(m.peakOldGenBytes() / 1048576.0));
            e.put("peakRssMiB", round(m.peakRssBytes() / 1048576.0));
            e.put("samples", m.samples());
            e.put("goal", "heap ≤ 512 MiB");
            e.put("goalMet", m.heapGoalMet());
            e.put("note", m.note());
            memoryList.add(e);
        }
        json.put("memory", memoryList);
        json.put("notes", notes);
        Files.writeString(
                directory.resolve("latest.json"),
                Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
    }

    private String markdown() {
        StringBuilder md = new StringBuilder("# keepwarm benchmark — latest run\n\n");
        md.append(
                        "Written by `bench/run` (see `docs/bench.md`). Every figure is the median of its runs with min–max beside it, ")
                .append("next to its raw PostgreSQL ceiling measured on the same server in the same run.\n\n");
        md.append("| | |\n|---|---|\n");
        environment.forEach(
                (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Figures\n\n");
        md.append("Ratio: a throughput as a share of its ceiling, a latency as a multiple of its ceiling's.\n\n");
        md.append(
                "| scenario | figure | runs | min | median | max | ceiling (same PostgreSQL, same run): median (min–max) | ratio | goal |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            md.append("| ")
                    .append(f.scenario())
                    .append(" | ")
                    .append(f.name())
                    .append(" (")
                    .append(f.unit())
                    .append(") | ")
                    .append(f.value().runs())
                    .append(" | ")
                    .append(num(f.value().min()))
                    .append(" | **")
                    .append(num(f.value().median()))
                    .append("** | ")
                    .append(num(f.value().max()))
                    .append(" | ");
            if (f.ceiling() != null) {
                md.append(f.ceilingName())
                        .append(": ")
                        .append(num(f.ceiling().median()))
                        .append(" (")
                        .append(num(f.ceiling().min()))
                        .append("–")
                        .append(num(f.ceiling().max()))
                        .append(", ")
                        .append(f.ceiling().runs())
                        .append(" runs)");
            }
            md.append(" | ").append(ratioText(f)).append(" | ");
            if (f.goal() != null) {
                md.append(f.goal()).append(f.met() == null ? "" : f.met() ? " ✅ met" : " ❌ **missed**");
            }
            md.append(" |\n");
        }
        md.append("\n## Server memory per scenario\n\n");
        md.append("Peak used heap (`/actuator/metrics/jvm.memory.used?tag=area:heap`), peak used old generation ")
                .append(
                        "(same metric, `id:G1 Old Gen`: what survived young collections) and peak RSS (`/proc/<pid>/status` VmRSS), ")
                .append("sampled every 200 ms. Goal: heap ≤ 512 MiB (checked on the peak used heap).\n\n");
        md.append(
                "| scenario | peak heap used (MiB) | peak old gen used (MiB) | peak RSS (MiB) | samples | goal heap ≤ 512 MiB | note |\n|---|---|---|---|---|---|---|\n");
        for (Memory m : memory) {
            md.append("| ")
                    .append(m.scenario())
                    .append(" | ")
                    .append(mib(m.peakHeapBytes()))
                    .append(" | ")
                    .append(mib(m.peakOldGenBytes()))
                    .append(" | ")
                    .append(mib(m.peakRssBytes()))
                    .append(" | ")
                    .append(m.samples())
                    .append(" | ")
                    .append(m.heapGoalMet() ? "✅ met" : "❌ **missed**")
                    .append(" | ")
                    .append(m.note() == null ? "" : m.note())
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            for (String note : notes) {
                md.append("- ").append(note).append("\n");
            }
        }
        return md.toString();
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
    }

    static String num(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    /** Throughput as a share of its ceiling; a latency as a multiple of its ceiling's. */
    static String ratioText(Figure f) {
        if (f.ratio() == null) {
            return "";
        }
        return f.better() == Better.LOWER ? String.format(Locale.ROOT, "%.1f×", f.ratio()) : pct(f.ratio());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
