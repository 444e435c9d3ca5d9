package org.conflictledger.domain.figures;

import static org.conflictledger.domain.figures.Pipeline.figure;
import static org.conflictledger.domain.figures.Pipeline.figures;
import static org.conflictledger.domain.figures.Reports.ALEPPO;
import static org.conflictledger.domain.figures.Reports.D27;
import static org.conflictledger.domain.figures.Reports.D28;
import static org.conflictledger.domain.figures.Reports.D29;
import static org.conflictledger.domain.figures.Reports.D30;
import static org.conflictledger.domain.figures.Reports.JEBEL_SAMAN;
import static org.conflictledger.domain.figures.Reports.SYR;
import static org.conflictledger.domain.figures.Reports.incident;
import static org.conflictledger.domain.figures.Reports.periodTotal;
import static org.conflictledger.domain.figures.Reports.stock;
import static org.conflictledger.domain.figures.Reports.territory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.StoredReport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules v2 changes (docs/figures.md), one test per numbered rule, and the worked examples. */
class RulesV2Test {

    static void assertRange(long low, long best, long high, FigureResult f) {
        assertEquals(List.of(low, best, high), List.of(f.low(), f.best(), f.high()), "low/best/high of " + f);
    }

    static void assertRange(long low, long best, long high, Tally t) {
        assertEquals(List.of(low, best, high), List.of(t.low(), t.best(), t.high()), "low/best/high of " + t);
    }

    static FigureResult killed(List<StoredReport> in) {
        return figure(figures(ALEPPO, D27, D29, in), Metric.KILLED, Group.ALL);
    }

    static Tally incidentKilled(StoredReport... in) {
        for (AreaDay d : DayReconciler.reconcile(SYR, D27, List.of(in))) {
            if (d.area().equals(JEBEL_SAMAN)) {
                return d.figures().get(new FigureKey(Metric.KILLED, Group.ALL));
            }
        }
        return null;
    }

    static List<String> ids(List<StoredReport> reports, String... more) {
        TreeSet<String> out = new TreeSet<>();
        reports.forEach(r -> out.add(r.id()));
        out.addAll(List.of(more));
        return new ArrayList<>(out);
    }

    @Nested
    class Incidents {

        /** §1.3: UCDP's 3 / 5 / 9 and a monitor's 6 give 3 / 5 / 9. */
        @Test
        void aSourcesOwnRangeTakesPartWithItsLowAndHigh() {
            Tally t = incidentKilled(
                    incident("u").source("UCDP").killed(3, 5, 9).build(),
                    incident("m").source("Monitor").killed(6).build());
            assertRange(3, 5, 9, t);
        }

        /** §1.3: the value, not the range, takes part in the lower median. */
        @Test
        void theLowerMedianUsesTheValues() {
            Tally t = incidentKilled(
                    incident("u").source("UCDP").killed(1, 20, 90).build(),
                    incident("a").source("A").killed(10).build(),
                    incident("b").source("B").killed(12).build());
            assertRange(1, 12, 90, t);
        }

        /** §1.4: incidents add up, each of low, best and high separately, ranges included. */
        @Test
        void incidentsWithRangesAddUp() {
            Tally t = incidentKilled(
                    incident("u").source("UCDP").place("x").killed(3, 5, 9).build(),
                    incident("v").source("UCDP").place("y").killed(1, 2, 4).build());
            assertRange(4, 7, 13, t);
        }

        /** Words, later (v2): equal publishedAt and updatedAt fall to the larger id. */
        @Test
        void aFullTieGoesToTheLargerId() {
            Tally t = incidentKilled(
                    incident("b").source("S").killed(9).build(),
                    incident("a").source("S").revision(7).killed(25).build());
            assertRange(9, 9, 9, t);
        }
    }

    @Nested
    class PeriodTotals {

        /** §2.2: of two totals with equal coverage, the later one stays. */
        @Test
        void ofEqualCoveragesTheLaterStays() {
            FigureResult f = killed(List.of(
                    periodTotal("p1").published("2024-11-29T10:00:00Z").killed(300).build(),
                    periodTotal("p2").published("2024-11-29T11:00:00Z").killed(200).build()));
            assertRange(200, 200, 200, f);
            assertEquals(List.of("p2"), f.reports());
        }

        /** §2.2 with Words (v2): equal publishedAt, the later updatedAt stays. */
        @Test
        void ofEqualCoveragesAndPublicationTheLaterUpdateStays() {
            FigureResult f = killed(List.of(
                    periodTotal("p1").revision(4).updated("2024-11-29T12:00:00Z").killed(300).build(),
                    periodTotal("p2").revision(1).updated("2024-11-30T12:00:00Z").killed(200).build()));
            assertEquals(List.of("p2"), f.reports());
        }

        /** §2.2: containment is by unit as well as by period: the governorate sets aside its district. */
        @Test
        void aTotalOfAWiderUnitSetsAsideTheOnesInside() {
            FigureResult f = killed(List.of(
                    incident("i").source("W").at("SY02", "SY0201").on(D28).killed(40).build(),
                    periodTotal("a1").killed(100).build(),
                    periodTotal("a2").at("SY02", "SY0200").killed(90).build()));
            // a2 is set aside: 40 + max(0, 100 - 40) = 100; v1 took the larger estimate, 90 + 40 = 130
            assertRange(100, 100, 100, f);
            assertEquals(List.of("a1", "i"), f.reports());
        }

        /** §2.3: overlapping totals form one cluster; the representative has the largest gain. */
        @Test
        void aClusterIsRepresentedByItsLargestGain() {
            FigureResult f = killed(List.of(
                    incident("i").source("W").on(D27).killed(30).build(),
                    periodTotal("a").period(D27, D28).killed(50).build(),
                    periodTotal("b").period(D28, D29).killed(40).build()));
            // gains: a 50 - 30 = 20, b 40 - 0 = 40 → b; 30 + 40 = 70
            assertRange(70, 70, 70, f);
            assertEquals(List.of("b", "i"), f.reports());
        }

        /** §2.3: on equal gains the larger value represents the cluster. */
        @Test
        void equalGainsGoToTheLargerValue() {
            FigureResult f = killed(List.of(
                    incident("i").source("W").on(D27).killed(10).build(),
                    periodTotal("a").period(D27, D28).killed(50).build(),
                    periodTotal("b").period(D28, D29).killed(40).build()));
            assertRange(50, 50, 50, f);
            assertEquals(List.of("a", "i"), f.reports());
        }

        /** §2.3: on equal gains and values the later report represents the cluster. */
        @Test
        void equalGainsAndValuesGoToTheLaterReport() {
            FigureResult f = killed(List.of(
                    periodTotal("a").period(D27, D28).published("2024-11-29T13:00:00Z").killed(50).build(),
                    periodTotal("b").period(D28, D29).published("2024-11-29T12:00:00Z").killed(50).build()));
            assertEquals(List.of("a"), f.reports());
        }

        /** §2.3/§2.4: disjoint totals of one source add up (v1 counted only the largest). */
        @Test
        void disjointTotalsAddUp() {
            FigureResult f = killed(List.of(
                    periodTotal("a").period(D27, D27).killed(30).build(),
                    periodTotal("b").period(D28, D29).killed(50).build()));
            assertRange(80, 80, 80, f);
            assertEquals("period_total", f.basis());
        }

        /** §2.4: the estimate is made three times, with the representative's own range. */
        @Test
        void theEstimateUsesTheRepresentativesRange() {
            FigureResult f = killed(List.of(
                    incident("i").source("W").on(D29).killed(10).build(),
                    periodTotal("u").source("UCDP").period(D27, D27).killed(20, 25, 40).build(),
                    periodTotal("v").source("UCDP").period(D28, D28).killed(1, 2, 3).build()));
            assertRange(10 + 20 + 1, 10 + 25 + 2, 10 + 40 + 3, f);
        }

        /** §2.4: a region's incidents above the source's total stay (max(0, ...)). */
        @Test
        void aTotalBelowItsIncidentsAddsNothing() {
            FigureResult f = killed(List.of(
                    incident("i").source("W").on(D28).killed(60).build(),
                    periodTotal("a").period(D28, D28).killed(15).build(),
                    periodTotal("b").period(D29, D29).killed(20).build()));
            assertRange(80, 80, 80, f);
        }

        /** §2.5 with ranges: minimum of est_low, lower median of est_best, maximum of est_high. */
        @Test
        void acrossSourcesWithRanges() {
            FigureResult f = killed(List.of(
                    periodTotal("u").source("UCDP").killed(200, 250, 300).build(),
                    periodTotal("s").source("SOHR").killed(255).build()));
            assertRange(200, 250, 300, f);
        }

        /** §2.6: basis incidents when the period totals do not exceed the incidents' best. */
        @Test
        void basisIncidentsWhenTheTotalsAddNothing() {
            FigureResult f = killed(List.of(
                    incident("i").source("W").on(D28).killed(60).build(),
                    periodTotal("a").killed(50).build()));
            assertRange(60, 60, 60, f);
            assertEquals("incidents", f.basis());
        }
    }

    @Nested
    class Stocks {

        /** §4.2 with §1.3: a source's own range takes part in the minimum and the maximum. */
        @Test
        void aStocksRangeTakesPart() {
            FiguresResult r = figures(ALEPPO, D27, D29, List.of(
                    stock("o").source("OCHA").fig(Metric.DISPLACED, Group.ALL, 12000, 14000, 16000, Qualifier.APPROX).build(),
                    stock("i").source("IOM").displaced(15200).build()));
            FigureResult f = figure(r, Metric.DISPLACED, Group.ALL);
            assertRange(12000, 14000, 16000, f);
            assertNull(f.asOfDateEarliest());
        }

        /** §4.3 (v2): units of different dates summed: asOfDateEarliest says so. */
        @Test
        void unitsOfDifferentDatesCarryTheEarliest() {
            FiguresResult r = figures(ALEPPO, D27, D29, List.of(
                    stock("a").at("SY02", "SY0200").on(D28).displaced(100).build(),
                    stock("b").at("SY02", "SY0201").on(D29).displaced(200).build()));
            FigureResult f = figure(r, Metric.DISPLACED, Group.ALL);
            assertRange(300, 300, 300, f);
            assertEquals(D29, f.asOfDate());
            assertEquals(D28, f.asOfDateEarliest());
        }

        /** §4.3: units of one date: no asOfDateEarliest. */
        @Test
        void unitsOfOneDateDoNot() {
            FiguresResult r = figures(ALEPPO, D27, D29, List.of(
                    stock("a").at("SY02", "SY0200").on(D29).displaced(100).build(),
                    stock("b").at("SY02", "SY0201").on(D29).displaced(200).build()));
            FigureResult f = figure(r, Metric.DISPLACED, Group.ALL);
            assertEquals(D29, f.asOfDate());
            assertNull(f.asOfDateEarliest());
        }
    }

    @Nested
    class Qualifiers {

        /** §6: one incident: a floor only when every source whose value equals the low said at_least. */
        @Test
        void anIncidentsLowIsAFloorOnlyWhenEverySourceAtTheLowSaysSo() {
            Tally mixed = incidentKilled(
                    incident("a").source("A").killedAtLeast(10).build(),
                    incident("b").source("B").killed(10).build());
            assertFalse(mixed.atLeast(), "v1 called this a floor although B says exactly 10");
            Tally both = incidentKilled(
                    incident("a").source("A").killedAtLeast(10).build(),
                    incident("b").source("B").killedAtLeast(10).build(),
                    incident("c").source("C").killed(12).build());
            assertTrue(both.atLeast());
        }

        /** §6: a range's low is the term of the minimum; its qualifier decides. */
        @Test
        void theLowTermOfARangeDecides() {
            Tally t = incidentKilled(
                    incident("u").source("UCDP").fig(Metric.KILLED, Group.ALL, 3, 5, 9, Qualifier.AT_LEAST).build(),
                    incident("m").source("M").killed(6).build());
            assertTrue(t.atLeast());
        }

        /** §6: a sum is a floor when any term of its low is. */
        @Test
        void aSumIsAFloorWhenAnyTermIs() {
            Tally t = incidentKilled(
                    incident("a").source("A").place("x").killedAtLeast(10).build(),
                    incident("b").source("B").place("y").killed(3).build());
            assertTrue(t.atLeast());
        }

        /** §6: a source's estimate is a floor when its at-least representative sets a term of it. */
        @Test
        void anEstimateIsAFloorWhenItsAtLeastTotalCounts() {
            assertTrue(killed(List.of(
                    incident("i").source("W").on(D28).killed(10).build(),
                    periodTotal("a").killedAtLeast(50).build())).atLeast());
            // the at-least total is below its incidents: the incidents set the low, and they are exact
            assertFalse(killed(List.of(
                    incident("i").source("W").on(D28).killed(60).build(),
                    periodTotal("a").killedAtLeast(50).build())).atLeast());
        }

        /** §6: the final low taken from two equal terms is a floor when either is. */
        @Test
        void equalTermsAreAFloorWhenEitherIs() {
            FigureResult f = killed(List.of(
                    incident("i").source("W").on(D28).killed(50).build(),
                    periodTotal("a").killedAtLeast(50).build()));
            assertRange(50, 50, 50, f);
            assertTrue(f.atLeast());
        }

        /** §6 for territory: the low is a floor when every source giving it said at_least. */
        @Test
        void territoryAtLeast() {
            StoredReport sohr = territory("t").source("SOHR").taken(50L, "HTS").build();
            assertTrue(figures(ALEPPO, D27, D29, List.of(sohr)).territory().atLeast());
            StoredReport isw = territory("v").source("ISW").taken(45L, "HTS").build();
            assertTrue(figures(ALEPPO, D27, D29, List.of(sohr, isw)).territory().atLeast());
            StoredReport enab = territory("u").source("Enab").taken(45L, "HTS").territoryQualifier(Qualifier.APPROX).build();
            assertFalse(figures(ALEPPO, D27, D29, List.of(sohr, isw, enab)).territory().atLeast());
        }
    }

    /** docs/figures.md, worked examples: SY02, 27..30 November, incidents 10 / 20 / 30 / 40. */
    @Nested
    class WorkedExample {

        static final List<StoredReport> INCIDENTS = List.of(
                incident("i27").source("W1").place("p1").on(D27).at("SY02", "SY0200").killed(10).build(),
                incident("i28a").source("W2").place("p2").on(D28).at("SY02", "SY0200").killed(15).build(),
                incident("i28b").source("W3").place("p3").on(D28).at("SY02", "SY0201").killed(5).build(),
                incident("i29a").source("W4").place("p4").on(D29).at("SY02", "SY0200").killed(10).build(),
                incident("i29b").source("W5").place("p5").on(D29).at("SY02", "SY0201").killed(5).build(),
                incident("i29c").source("W6").place("p6").on(D29).at("SY02").killed(15).build(),
                incident("i30").source("W7").place("p7").on(D30).at("SY02", "SY0202").killed(40).build());
        static final List<StoredReport> M_DAILY = List.of(
                periodTotal("m27").source("M").period(D27, D27).published("2024-11-27T20:00:00Z").killed(15).build(),
                periodTotal("m28").source("M").period(D28, D28).published("2024-11-28T20:00:00Z").killed(18).build(),
                periodTotal("m29").source("M").period(D29, D29).published("2024-11-29T20:00:00Z").killed(35).build());
        static final StoredReport M_SINCE = periodTotal("m90").source("M").period(D27, D29)
                .published("2024-11-29T21:00:00Z").killed(90).build();
        static final List<StoredReport> N = List.of(
                periodTotal("n1").source("N").period(D27, D28).killed(70).build(),
                periodTotal("n2").source("N").period(D28, D29).killed(60).build());
        static final List<StoredReport> O = List.of(
                periodTotal("o1").source("O").period(D27, D30).at("SY02", "SY0200").killed(50).build(),
                periodTotal("o2").source("O").period(D27, D30).at("SY02", "SY0201").killed(30).build());

        @SafeVarargs
        static FigureResult killedOf(List<StoredReport>... parts) {
            List<StoredReport> in = new ArrayList<>(INCIDENTS);
            for (List<StoredReport> p : parts) {
                in.addAll(p);
            }
            return figure(figures(ALEPPO, D27, D30, in), Metric.KILLED, Group.ALL);
        }

        @Test
        void theIncidentsAlone() {
            FigureResult f = killedOf();
            assertRange(100, 100, 100, f);
            assertEquals("incidents", f.basis());
        }

        @Test
        void monitorMsDailyTotalsGive110() {
            FigureResult f = killedOf(M_DAILY);
            assertRange(110, 110, 110, f);
            assertEquals(ids(INCIDENTS, "m27", "m28", "m29"), f.reports(), "three clusters, three representatives");
        }

        @Test
        void monitorMsSinceThe27thSetsTheDailyTotalsAsideAndGives130() {
            FigureResult f = killedOf(M_DAILY, List.of(M_SINCE));
            assertRange(130, 130, 130, f);
            assertEquals(ids(INCIDENTS, "m90"), f.reports());
        }

        @Test
        void monitorNsOverlappingTotalsGive140() {
            FigureResult f = killedOf(N);
            assertRange(140, 140, 140, f);
            assertEquals(ids(INCIDENTS, "n1"), f.reports(), "one cluster, represented by 27..28");
        }

        @Test
        void monitorOsTotalsOfTwoDistrictsGive135() {
            FigureResult f = killedOf(O);
            assertRange(135, 135, 135, f);
            assertEquals(ids(INCIDENTS, "o1", "o2"), f.reports());
        }

        @Test
        void theFigureIs130_135_140() {
            FigureResult f = killedOf(M_DAILY, List.of(M_SINCE), N, O);
            assertRange(130, 135, 140, f);
            assertEquals("period_total", f.basis());
            assertEquals(ids(INCIDENTS, "m90", "n1", "o1", "o2"), f.reports());
            assertEquals(INCIDENTS.size() + 3, f.sources());
            assertFalse(f.atLeast());
        }
    }
}
