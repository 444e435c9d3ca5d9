package org.conflictledger.domain.figures;

import static org.conflictledger.domain.figures.Reports.ALEPPO;
import static org.conflictledger.domain.figures.Reports.D27;
import static org.conflictledger.domain.figures.Reports.D30;
import static org.conflictledger.domain.figures.Reports.JEBEL_SAMAN;
import static org.conflictledger.domain.figures.Reports.SYR;
import static org.conflictledger.domain.figures.Reports.SYRIA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.StoredReport;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Seeded property tests of rules v2 over period totals with several totals per source, coverages
 * that nest, overlap or are disjoint, and sources' own ranges: 1,000 scenarios per property
 * (seeds 1..1000; {@code scenario(seed)} reproduces one, every failure names its seed).
 */
class RulesV2PropertiesTest {

    static final int SCENARIOS = 1000;
    static final List<Area> AREAS = List.of(SYRIA, ALEPPO, JEBEL_SAMAN);
    static final FigureKey KILLED = new FigureKey(Metric.KILLED, Group.ALL);

    /** Options of a scenario: ranges, and whether a source may give more than one total. */
    record Shape(boolean ranges, boolean severalTotals) {
    }

    static final Shape ANY = new Shape(true, true);
    static final Shape V1 = new Shape(false, false);

    /** Incidents over SY02 and its districts on 27..30 November, and period totals of 1..5 sources. */
    static List<StoredReport> scenario(Generators g, Shape shape) {
        List<StoredReport> out = new ArrayList<>();
        int incidents = g.between(0, 8);
        for (int i = 0; i < incidents; i++) {
            LocalDate day = D27.plusDays(g.between(0, 3));
            int unit = g.between(0, 3);
            int sources = g.between(1, 2);
            for (int s = 0; s < sources; s++) {
                out.add(killed(at(Reports.incident("i" + i + "s" + s).source("W" + g.between(0, 3)).key("k" + i)
                        .place("p" + i).on(day), unit).published(instant(g)), g, shape, 40, 10).build());
            }
        }
        int sources = g.between(1, 5);
        for (int s = 0; s < sources; s++) {
            int totals = shape.severalTotals() ? g.between(1, 4) : 1;
            for (int t = 0; t < totals; t++) {
                out.add(total(g, "p" + s + "t" + t, "S" + s, shape));
            }
        }
        return out;
    }

    static StoredReport total(Generators g, String id, String source, Shape shape) {
        int start = g.between(0, 3);
        int end = g.between(start, 3);
        Reports.Builder b = at(Reports.periodTotal(id).source(source)
                .period(D27.plusDays(start), D27.plusDays(end)), g.between(0, 2)).published(instant(g));
        return killed(b, g, shape, 200, 50).build();
    }

    /** killed/all in [0, max], with a range of up to ±spread for half the figures when the shape allows. */
    static Reports.Builder killed(Reports.Builder b, Generators g, Shape shape, long max, long spread) {
        long v = g.between(0L, max);
        if (shape.ranges() && g.bool()) {
            return b.fig(Metric.KILLED, Group.ALL, Math.max(0, v - g.between(0L, spread)), v, v + g.between(0L, spread),
                    qualifier(g));
        }
        return b.fig(Metric.KILLED, Group.ALL, v, qualifier(g));
    }

    private static Reports.Builder at(Reports.Builder b, int unit) {
        return switch (unit) {
            case 0 -> b.at("SY02");
            case 1 -> b.at("SY02", "SY0200");
            case 2 -> b.at("SY02", "SY0201");
            default -> b.at("SY02", "SY0202");
        };
    }

    private static String instant(Generators g) {
        return "2024-11-30T0" + g.between(0, 3) + ":00:00Z";
    }

    private static Qualifier qualifier(Generators g) {
        return g.between(0, 3) == 0 ? Qualifier.AT_LEAST : Qualifier.EXACT;
    }

    @FunctionalInterface
    interface Property {
        void check(Generators gen);
    }

    static void forAll(Property p) {
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            try {
                p.check(new Generators(seed));
            } catch (AssertionFailedError | RuntimeException e) {
                throw new AssertionFailedError("seed=" + seed + ": " + e.getMessage(), e);
            }
        }
    }

    static List<FiguresResult> all(List<StoredReport> in) {
        List<FiguresResult> out = new ArrayList<>();
        for (Area a : AREAS) {
            out.add(Pipeline.figures(a, D27, D30, in));
        }
        return out;
    }

    @Test
    void theOrderOfTheReportsDoesNotMatter() {
        forAll(g -> {
            List<StoredReport> in = scenario(g, ANY);
            List<StoredReport> shuffled = new ArrayList<>(in);
            Collections.shuffle(shuffled, g.random());
            assertEquals(all(in), all(shuffled));
        });
    }

    @Test
    void reportsSeenTwiceChangeNothing() {
        forAll(g -> {
            List<StoredReport> in = scenario(g, ANY);
            List<StoredReport> twice = new ArrayList<>(in);
            twice.addAll(in);
            Collections.shuffle(twice, g.random());
            assertEquals(all(in), all(twice));
        });
    }

    @Test
    void lowNeverExceedsBestNorBestHigh() {
        forAll(g -> {
            for (FiguresResult r : all(scenario(g, ANY))) {
                for (FigureResult f : r.figures()) {
                    assertTrue(0 <= f.low() && f.low() <= f.best() && f.best() <= f.high(), f.toString());
                }
            }
        });
    }

    /** v2 equals v1 whenever every source has one period total and no figure has a range. */
    @Test
    void v2IsV1ForOneTotalPerSourceWithoutRanges() {
        forAll(g -> {
            List<StoredReport> in = scenario(g, V1);
            Map<Area, List<AreaDay>> stored = Pipeline.aggregate(SYR, D27, D30, in);
            for (Area a : AREAS) {
                FigureResult v2 = Pipeline.figure(Pipeline.figures(a, D27, D30, in), Metric.KILLED, Group.ALL);
                long[] v1 = V1Oracle.killed(a, D27, D30, stored, in);
                if (v1 == null) {
                    assertEquals(null, v2, a.key());
                    continue;
                }
                assertEquals(List.of(v1[0], v1[1], v1[2]), List.of(v2.low(), v2.best(), v2.high()), a.key() + " " + v2);
                assertEquals(v1[3] == 1 ? "period_total" : "incidents", v2.basis(), a.key() + " " + v2);
                assertEquals(V1Oracle.reports(a, D27, D30, stored, in), v2.reports(), a.key());
            }
        });
    }

    /** Adding a period total of a new source never narrows the range the figure spans. */
    @Test
    void aNewSourcesTotalNeverNarrowsTheRange() {
        forAll(g -> {
            List<StoredReport> in = scenario(g, ANY);
            List<StoredReport> more = new ArrayList<>(in);
            more.add(total(g, "zz-new", "A new source", ANY));
            for (Area a : AREAS) {
                FigureResult before = Pipeline.figure(Pipeline.figures(a, D27, D30, in), Metric.KILLED, Group.ALL);
                FigureResult after = Pipeline.figure(Pipeline.figures(a, D27, D30, more), Metric.KILLED, Group.ALL);
                boolean hadTotals = before != null && in.stream().anyMatch(r -> r.report().scope()
                        == Scope.PERIOD_TOTAL && Rules.countsIn(r,
                        Scope.PERIOD_TOTAL, a, D27, D30));
                if (hadTotals) {
                    assertTrue(after.low() <= before.low() && after.high() >= before.high(), before + " -> " + after);
                }
            }
        });
    }

    /** Adding a new source's report to an incident never narrows the incident's range. */
    @Test
    void aNewSourceInAnIncidentNeverNarrowsItsRange() {
        forAll(g -> {
            List<StoredReport> in = scenario(g, ANY);
            List<StoredReport> incidents = in.stream()
                    .filter(r -> r.report().scope() == Scope.INCIDENT).toList();
            if (incidents.isEmpty()) {
                return;
            }
            StoredReport joined = incidents.get(g.between(0, incidents.size() - 1));
            LocalDate day = joined.report().period().start();
            List<StoredReport> more = new ArrayList<>(in);
            more.add(Reports.incident("zz-new").source("A new source").key(joined.report().incidentKey())
                    .place("elsewhere").on(day).at("SY02", "SY0202").killed(g.between(0L, 60L)).build());
            Tally before = incident(DayReconciler.incidents(counting(in, day)), joined);
            Tally after = incident(DayReconciler.incidents(counting(more, day)), joined);
            assertTrue(after.low() <= before.low() && after.high() >= before.high(), before + " -> " + after);
        });
    }

    private static List<StoredReport> counting(List<StoredReport> in, LocalDate day) {
        return Rules.latestRevisions(in).stream().filter(r -> r.report().scope()
                == Scope.INCIDENT && r.report().period().start().equals(day)).toList();
    }

    private static Tally incident(List<List<StoredReport>> incidents, StoredReport member) {
        for (List<StoredReport> i : incidents) {
            if (i.stream().anyMatch(r -> r.id().equals(member.id()))) {
                return DayReconciler.incidentFigures(i).get(KILLED);
            }
        }
        throw new AssertionError("no incident holds " + member.id());
    }

    /**
     * v1's period-total arithmetic, kept here as the oracle only: per source the largest estimate
     * {@code v + max(0, I − I(C))}, then minimum, lower median, maximum, then the larger of the
     * incidents and the totals. It reads the same stored daily incident figures as v2.
     */
    static final class V1Oracle {

        private V1Oracle() {
        }

        /** {low, best, high, 1 if basis period_total}, or null when there is no figure. */
        static long[] killed(Area area, LocalDate from, LocalDate to, Map<Area, List<AreaDay>> stored,
                             List<StoredReport> in) {
            long[] sigma = sum(area, from, to, stored);
            Map<String, long[]> bySource = new TreeMap<>();
            for (StoredReport p : totals(area, from, to, in)) {
                Figure f = p.report().figures().get(0);
                long[] inside = sum(p.report().place().unit(), p.report().period().start(), p.report().period().end(),
                        stored);
                long[] est = new long[3];
                for (int x = 0; x < 3; x++) {
                    est[x] = f.value() + Math.max(0, (sigma == null ? 0 : sigma[x]) - (inside == null ? 0 : inside[x]));
                }
                bySource.merge(Rules.sourceId(p), est, (a, b) -> a[1] >= b[1] ? a : b);
            }
            if (bySource.isEmpty()) {
                return sigma == null ? null : new long[] {sigma[0], sigma[1], sigma[2], 0};
            }
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            List<Long> bests = new ArrayList<>();
            for (long[] e : bySource.values()) {
                low = Math.min(low, e[0]);
                bests.add(e[1]);
                high = Math.max(high, e[2]);
            }
            long best = LowerMedian.lowerMedian(bests);
            long[] s = sigma == null ? new long[3] : sigma;
            return new long[] {Math.max(s[0], low), Math.max(s[1], best), Math.max(s[2], high),
                    sigma == null || best > s[1] ? 1 : 0};
        }

        static List<String> reports(Area area, LocalDate from, LocalDate to, Map<Area, List<AreaDay>> stored,
                                    List<StoredReport> in) {
            TreeSet<String> out = new TreeSet<>();
            totals(area, from, to, in).forEach(p -> out.add(p.id()));
            for (AreaDay d : stored.getOrDefault(area, List.of())) {
                if (!d.day().isBefore(from) && !d.day().isAfter(to) && d.figures().containsKey(KILLED)) {
                    out.addAll(d.figures().get(KILLED).reports());
                }
            }
            return new ArrayList<>(out);
        }

        private static List<StoredReport> totals(Area area, LocalDate from, LocalDate to, List<StoredReport> in) {
            return Rules.latestRevisions(in).stream()
                    .filter(r -> Rules.countsIn(r, Scope.PERIOD_TOTAL, area, from, to))
                    .toList();
        }

        private static long[] sum(Area unit, LocalDate from, LocalDate to, Map<Area, List<AreaDay>> stored) {
            long[] out = null;
            for (AreaDay d : stored.getOrDefault(unit, List.of())) {
                Tally t = d.figures().get(KILLED);
                if (t != null && !d.day().isBefore(from) && !d.day().isAfter(to)) {
                    out = out == null ? new long[3] : out;
                    out[0] += t.low();
                    out[1] += t.best();
                    out[2] += t.high();
                }
            }
            return out;
        }
    }
}
