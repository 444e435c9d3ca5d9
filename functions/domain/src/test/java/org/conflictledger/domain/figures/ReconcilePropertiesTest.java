package org.conflictledger.domain.figures;

import static org.conflictledger.domain.figures.Reports.ALEPPO;
import static org.conflictledger.domain.figures.Reports.D27;
import static org.conflictledger.domain.figures.Reports.D29;
import static org.conflictledger.domain.figures.Reports.JEBEL_SAMAN;
import static org.conflictledger.domain.figures.Reports.SYR;
import static org.conflictledger.domain.figures.Reports.SYRIA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * Determinism and range invariants over random mixes of reports (docs/figures.md, preamble).
 * Each property runs once per fixed seed; {@code new Generators(seed)} reproduces a failing try,
 * and every failure message starts with {@code seed=N}.
 */
class ReconcilePropertiesTest {

    private static final List<Area> AREAS = List.of(SYRIA, ALEPPO, JEBEL_SAMAN, Reports.AL_BAB, Reports.IDLEB);

    static LongStream seeds200() {
        return Generators.seeds(200);
    }

    static LongStream seeds300() {
        return Generators.seeds(300);
    }

    @FunctionalInterface
    interface Property {
        void check(Generators gen) throws Throwable;
    }

    /** Runs one try; any failure, assertion or exception, is rethrown with the seed in its message. */
    private static void forSeed(long seed, Property property) {
        try {
            property.check(new Generators(seed));
        } catch (AssertionFailedError e) {
            String message = "seed=" + seed + ": " + e.getMessage();
            throw e.isExpectedDefined() && e.isActualDefined()
                    ? new AssertionFailedError(message, e.getExpected().getValue(), e.getActual().getValue(), e)
                    : new AssertionFailedError(message, e);
        } catch (Throwable t) {
            throw new AssertionFailedError("seed=" + seed + ": " + t, t);
        }
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

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds200")
    void resultsDoNotDependOnInputOrder(long seed) {
        forSeed(seed, gen -> {
            List<StoredReport> in = gen.reports();
            List<StoredReport> shuffled = new ArrayList<>(in);
            Collections.shuffle(shuffled, gen.random());
            for (int d = 0; d < 3; d++) {
                assertEquals(DayReconciler.reconcile(SYR, D27.plusDays(d), in),
                        DayReconciler.reconcile(SYR, D27.plusDays(d), shuffled), "day D27+" + d);
            }
            assertEquals(everything(in), everything(shuffled));
        });
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds200")
    void theSameInputsTwiceChangeNothing(long seed) {
        forSeed(seed, gen -> {
            List<StoredReport> in = gen.reports();
            List<StoredReport> twice = new ArrayList<>(in);
            twice.addAll(in);
            Collections.shuffle(twice, gen.random());
            assertEquals(everything(in), everything(twice));
        });
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds200")
    void lowNeverExceedsBestNorBestHigh(long seed) {
        forSeed(seed, gen -> {
            List<StoredReport> in = gen.reports();
            for (Area a : AREAS) {
                FiguresResult r = Pipeline.figures(a, D27, D29, in);
                for (FigureResult f : r.figures()) {
                    assertTrue(0 <= f.low() && f.low() <= f.best() && f.best() <= f.high(), f.toString());
                    assertTrue(f.sources() >= 1 && !f.reports().isEmpty(), f.toString());
                }
                if (r.territory() != null) {
                    assertTrue(r.territory().low() <= r.territory().best() && r.territory().best() <= r.territory().high(),
                            r.territory().toString());
                }
            }
        });
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds200")
    void anOlderRevisionInTheInputChangesNothing(long seed) {
        forSeed(seed, gen -> {
            List<StoredReport> in = gen.reports();
            List<StoredReport> withOld = new ArrayList<>(in);
            for (StoredReport r : in) {
                // a revision 0 with another status and figures: superseded, so invisible
                withOld.add(new StoredReport(r.id(), r.revision() - 1, Status.ACCEPTED, r.submittedBy(), r.receivedAt(),
                        r.updatedAt(), null, r.report().withPlace(r.report().place())));
            }
            assertEquals(everything(in), everything(withOld));
        });
    }

    /** One incident, one figure per source: best is always a value some source reported. */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds300")
    void bestIsAReportedValueForOneIncident(long seed) {
        forSeed(seed, gen -> {
            List<Long> values = gen.values(1, 8, 1000);
            boolean atLeast = gen.bool();
            List<StoredReport> in = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                in.add(Reports.incident("r" + i).source("S" + i)
                        .fig(Metric.KILLED, Group.ALL, values.get(i), atLeast ? Qualifier.AT_LEAST : Qualifier.EXACT).build());
            }
            for (Area a : List.of(SYRIA, ALEPPO, JEBEL_SAMAN)) {
                FigureResult f = Pipeline.figure(Pipeline.figures(a, D27, D29, in), Metric.KILLED, Group.ALL);
                String context = "values=" + values + " atLeast=" + atLeast + " area=" + a + " -> " + f;
                assertTrue(values.contains(f.best()), context);
                assertEquals(Collections.min(values), f.low(), context);
                assertEquals(Collections.max(values), f.high(), context);
                assertEquals(atLeast, f.atLeast(), context);
                assertEquals(values.size(), f.sources(), context);
                assertEquals(in.stream().map(StoredReport::id).sorted().collect(Collectors.toList()), f.reports(), context);
            }
        });
    }

    /** Floors and maxima never invent people: no figure exceeds the sum of every value reported. */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds200")
    void noFigureExceedsTheSumOfEveryReportedValue(long seed) {
        forSeed(seed, gen -> {
            List<StoredReport> in = gen.reports();
            FiguresResult r = Pipeline.figures(SYRIA, D27, D29, in);
            long reportedSum = in.stream().flatMap(s -> s.report().figuresOrEmpty().stream())
                    .mapToLong(f -> f.value()).sum();
            for (FigureResult f : r.figures()) {
                assertTrue(f.high() <= reportedSum, "sum=" + reportedSum + " " + f);
            }
        });
    }
}
