package org.conflictledger.core.reconcile;

import static org.conflictledger.core.reconcile.Reports.ALEPPO;
import static org.conflictledger.core.reconcile.Reports.D27;
import static org.conflictledger.core.reconcile.Reports.D29;
import static org.conflictledger.core.reconcile.Reports.JEBEL_SAMAN;
import static org.conflictledger.core.reconcile.Reports.SYR;
import static org.conflictledger.core.reconcile.Reports.SYRIA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.conflictledger.core.domain.Area;
import org.conflictledger.core.domain.Group;
import org.conflictledger.core.domain.Metric;
import org.conflictledger.core.domain.Qualifier;
import org.conflictledger.core.domain.Status;
import org.conflictledger.core.domain.StoredReport;

/** Determinism and range invariants over random mixes of reports (reconciliation.md, preamble). */
class ReconcilePropertiesTest {

    private static final List<Area> AREAS = List.of(SYRIA, ALEPPO, JEBEL_SAMAN, Reports.AL_BAB, Reports.IDLEB);

    /** A report of any scope, in a small world so that incidents, sources and places collide. */
    @Provide
    Arbitrary<StoredReport> report() {
        Arbitrary<Integer> scope = Arbitraries.integers().between(0, 9);
        Arbitrary<String> source = Arbitraries.of("A", "B", "C", "c ");
        Arbitrary<Integer> place = Arbitraries.integers().between(0, 4);
        Arbitrary<Integer> day = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> hour = Arbitraries.integers().between(0, 3);
        Arbitrary<Status> status = Arbitraries.of(Status.ACCEPTED, Status.ACCEPTED, Status.DISPUTED, Status.RETRACTED, Status.REJECTED);
        Arbitrary<List<long[]>> figs = Arbitraries.longs().between(0, 50).array(long[].class).ofSize(3).list().ofMaxSize(3);
        Arbitrary<String> key = Arbitraries.of("", "", "k1", "k2");
        return Combinators.combine(scope, source, place, day, hour, status, figs, key)
                .as((sc, src, pl, d, h, st, fs, k) -> build(sc, src, pl, d, h, st, fs, k));
    }

    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    private static StoredReport build(int sc, String src, int pl, int d, int h, Status st, List<long[]> fs, String k) {
        String id = "r" + IDS.incrementAndGet();
        Reports.Builder b = switch (sc) {
            case 7 -> Reports.periodTotal(id).period(D27.plusDays(d % 2), D27.plusDays(1 + d % 2));
            case 8 -> Reports.stock(id).on(D27.plusDays(d));
            case 9 -> Reports.territory(id).taken((long) h * 3, "actor" + h, "p" + d, "P" + h);
            default -> Reports.incident(id).on(D27.plusDays(d)).place("x" + (h % 2)).key(k.isEmpty() ? null : k);
        };
        switch (pl) {
            case 0 -> b.at("SY02", "SY0200");
            case 1 -> b.at("SY02", "SY0201");
            case 2 -> b.at("SY02");
            case 3 -> b.at("SY07", "SY0700");
            default -> b.atCountry();
        }
        b.source(src).status(st).published("2024-11-29T0" + h + ":00:00Z");
        Set<Group> seen = new java.util.HashSet<>();
        for (long[] f : fs) {
            Group g = List.of(Group.ALL, Group.CIVILIANS, Group.COMBATANTS, Group.UNKNOWN, Group.CHILDREN).get((int) (f[0] % 5));
            Metric m = f[1] % 3 == 0 ? Metric.DISPLACED : Metric.KILLED;
            if (seen.add(g)) {
                b.fig(m, g, f[2], f[1] % 2 == 0 ? Qualifier.AT_LEAST : Qualifier.EXACT);
            }
        }
        return b.build();
    }

    @Provide
    Arbitrary<List<StoredReport>> reports() {
        return report().list().ofMaxSize(25);
    }

    private static Object everything(List<StoredReport> in) {
        List<Object> out = new ArrayList<>();
        for (Area a : AREAS) {
            out.add(Pipeline.figures(a, D27, D29, in));
            out.add(FiguresCalculator.daily(a, D27, D29,
                    Pipeline.aggregate(SYR, D27, D29, in).getOrDefault(a, List.of()), null, null));
        }
        return out;
    }

    @Property(tries = 200)
    void resultsDoNotDependOnInputOrder(@ForAll("reports") List<StoredReport> in, @ForAll Random random) {
        List<StoredReport> shuffled = new ArrayList<>(in);
        Collections.shuffle(shuffled, random);
        for (int d = 0; d < 3; d++) {
            assertEquals(DayReconciler.reconcile(SYR, D27.plusDays(d), in),
                    DayReconciler.reconcile(SYR, D27.plusDays(d), shuffled));
        }
        assertEquals(everything(in), everything(shuffled));
    }

    @Property(tries = 200)
    void theSameInputsTwiceChangeNothing(@ForAll("reports") List<StoredReport> in, @ForAll Random random) {
        List<StoredReport> twice = new ArrayList<>(in);
        twice.addAll(in);
        Collections.shuffle(twice, random);
        assertEquals(everything(in), everything(twice));
    }

    @Property(tries = 200)
    void lowNeverExceedsBestNorBestHigh(@ForAll("reports") List<StoredReport> in) {
        for (Area a : AREAS) {
            FiguresResult r = Pipeline.figures(a, D27, D29, in);
            for (FigureResult f : r.figures()) {
                assertTrue(0 <= f.low() && f.low() <= f.best() && f.best() <= f.high(), f.toString());
                assertTrue(f.sources() >= 1 && !f.reports().isEmpty(), f.toString());
            }
            if (r.territory() != null) {
                assertTrue(r.territory().low() <= r.territory().best() && r.territory().best() <= r.territory().high());
            }
        }
    }

    @Property(tries = 200)
    void anOlderRevisionInTheInputChangesNothing(@ForAll("reports") List<StoredReport> in) {
        List<StoredReport> withOld = new ArrayList<>(in);
        for (StoredReport r : in) {
            // a revision 0 with another status and figures: superseded, so invisible
            withOld.add(new StoredReport(r.id(), r.revision() - 1, Status.ACCEPTED, r.submittedBy(), r.receivedAt(),
                    r.updatedAt(), null, r.report().withPlace(r.report().place())));
        }
        assertEquals(everything(in), everything(withOld));
    }

    /** One incident, one figure per source: best is always a value some source reported. */
    @Property(tries = 300)
    void bestIsAReportedValueForOneIncident(@ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.constraints.LongRange(max = 1000) Long> values,
                                            @ForAll boolean atLeast) {
        List<StoredReport> in = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            in.add(Reports.incident("r" + i).source("S" + i)
                    .fig(Metric.KILLED, Group.ALL, values.get(i), atLeast ? Qualifier.AT_LEAST : Qualifier.EXACT).build());
        }
        for (Area a : List.of(SYRIA, ALEPPO, JEBEL_SAMAN)) {
            FigureResult f = Pipeline.figure(Pipeline.figures(a, D27, D29, in), Metric.KILLED, Group.ALL);
            assertTrue(values.contains(f.best()));
            assertEquals(Collections.min(values), f.low());
            assertEquals(Collections.max(values), f.high());
            assertEquals(atLeast, f.atLeast());
            assertEquals(values.size(), f.sources());
            assertEquals(in.stream().map(StoredReport::id).sorted().collect(Collectors.toList()), f.reports());
        }
    }

    /** Floors and maxima never invent people: no figure exceeds the sum of every value reported. */
    @Property(tries = 200)
    void noFigureExceedsTheSumOfEveryReportedValue(@ForAll("reports") List<StoredReport> in) {
        FiguresResult r = Pipeline.figures(SYRIA, D27, D29, in);
        long reportedSum = in.stream().flatMap(s -> s.report().figuresOrEmpty().stream())
                .mapToLong(f -> f.value()).sum();
        for (FigureResult f : r.figures()) {
            assertTrue(f.high() <= reportedSum, f.toString());
        }
    }
}
