package org.conflictledger.domain.figures;

import static org.conflictledger.domain.figures.Pipeline.figure;
import static org.conflictledger.domain.figures.Pipeline.figures;
import static org.conflictledger.domain.figures.Reports.ALEPPO;
import static org.conflictledger.domain.figures.Reports.AL_BAB;
import static org.conflictledger.domain.figures.Reports.D27;
import static org.conflictledger.domain.figures.Reports.D28;
import static org.conflictledger.domain.figures.Reports.D29;
import static org.conflictledger.domain.figures.Reports.D30;
import static org.conflictledger.domain.figures.Reports.JEBEL_SAMAN;
import static org.conflictledger.domain.figures.Reports.SYR;
import static org.conflictledger.domain.figures.Reports.SYRIA;
import static org.conflictledger.domain.figures.Reports.incident;
import static org.conflictledger.domain.figures.Reports.periodTotal;
import static org.conflictledger.domain.figures.Reports.stock;
import static org.conflictledger.domain.figures.Reports.territory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FiguresCalculatorTest {

    static FigureResult killed(FiguresResult r) {
        return figure(r, Metric.KILLED, Group.ALL);
    }

    static void assertRange(long low, long best, long high, FigureResult f) {
        assertEquals(List.of(low, best, high), List.of(f.low(), f.best(), f.high()), "low/best/high of " + f);
    }

    static FiguresResult aleppo(StoredReport... reports) {
        return figures(ALEPPO, D27, D29, List.of(reports));
    }

    @Nested
    class IncidentsOnly {

        @Test
        void windowSumsTheDaysInside() {
            FiguresResult r = figures(ALEPPO, D27, D28, List.of(
                    incident("a").on(D27).killed(10).build(),
                    incident("b").on(D28).killed(5).build(),
                    incident("c").on(D29).killed(100).build()));
            FigureResult f = killed(r);
            assertRange(15, 15, 15, f);
            assertEquals("incidents", f.basis());
            assertEquals(List.of("a", "b"), f.reports());
            assertEquals(1, f.sources());
            assertNull(f.asOfDate());
            assertNull(r.territory());
        }

        @Test
        void anAreaWithNothingHasNoFigures() {
            assertTrue(figures(AL_BAB, D27, D29, List.of(incident("a").killed(10).build())).figures().isEmpty());
        }

        @Test
        void allMadeOnlyOfPartitionsHasBasisGroups() {
            FiguresResult r = aleppo(incident("a").civilians(10).build());
            assertRange(10, 10, 10, killed(r));
            assertEquals("groups", killed(r).basis());
            assertEquals("incidents", figure(r, Metric.KILLED, Group.CIVILIANS).basis());
        }

        @Test
        void figuresAreSortedByMetricThenGroup() {
            FiguresResult r = aleppo(incident("a").fig(Metric.MISSING, Group.ALL, 1).fig(Metric.INJURED, Group.WOMEN, 2)
                    .fig(Metric.INJURED, Group.ALL, 3).civilians(4).killed(5).build());
            assertEquals(List.of(new FigureKey(Metric.KILLED, Group.ALL), new FigureKey(Metric.KILLED, Group.CIVILIANS),
                            new FigureKey(Metric.INJURED, Group.ALL), new FigureKey(Metric.INJURED, Group.WOMEN),
                            new FigureKey(Metric.MISSING, Group.ALL)),
                    r.figures().stream().map(FigureResult::key).toList());
        }

        @Test
        void metricAndGroupFiltersSelectOutputOnly() {
            List<StoredReport> in = List.of(incident("a").killed(5).build(),
                    incident("b").source("UN").place("X").civilians(10).fig(Metric.INJURED, Group.ALL, 7).build());
            FiguresResult r = figures(ALEPPO, D27, D29, in, Metric.KILLED, Group.ALL);
            assertEquals(1, r.figures().size());
            assertRange(15, 15, 15, killed(r));
            assertEquals(2, figures(ALEPPO, D27, D29, in, Metric.KILLED, null).figures().size());
            assertEquals(List.of(Group.ALL, Group.ALL),
                    figures(ALEPPO, D27, D29, in, null, Group.ALL).figures().stream().map(FigureResult::group).toList());
        }

        @Test
        void conflictingStoredDaysAreRejected() {
            AreaDay one = new AreaDay(ALEPPO, D27, new TreeMap<>());
            AreaDay other = DayReconciler.reconcile(SYR, D27, List.of(incident("a").killed(1).build())).get(1);
            assertEquals(ALEPPO, other.area());
            assertThrows(IllegalArgumentException.class, () -> FiguresCalculator.figures(ALEPPO, D27, D29,
                    Map.of(ALEPPO, List.of(one, other)), List.of(), null, null));
            // the same day twice is one day
            assertRange(1, 1, 1, killed(FiguresCalculator.figures(ALEPPO, D27, D29,
                    Map.of(ALEPPO, List.of(other, other)), List.of(), null, null)));
        }
    }

    @Nested
    class PeriodTotals {

        @Test
        void aPeriodTotalAloneIsTheFigure() {
            FigureResult f = killed(aleppo(periodTotal("p").killed(255).build()));
            assertRange(255, 255, 255, f);
            assertEquals("period_total", f.basis());
            assertEquals(List.of("p"), f.reports());
            assertEquals(1, f.sources());
        }

        @Test
        void aPeriodTotalIsNeverAddedToTheIncidentsItCovers() {
            FigureResult f = killed(aleppo(
                    incident("i1").source("UN").on(D27).killed(40).build(),
                    incident("i2").source("UN").on(D28).killed(60).build(),
                    periodTotal("p").killed(255).build()));
            assertRange(255, 255, 255, f);
            assertEquals("period_total", f.basis());
            assertEquals(List.of("i1", "i2", "p"), f.reports());
            assertEquals(2, f.sources());
        }

        @Test
        void incidentsAboveThePeriodTotalWin() {
            FigureResult f = killed(aleppo(
                    incident("i1").on(D27).killed(200).build(),
                    incident("i2").on(D28).killed(100).build(),
                    periodTotal("p").killed(255).build()));
            assertRange(300, 300, 300, f);
            assertEquals("incidents", f.basis());
        }

        @Test
        void incidentsOnDaysOutsideThePeriodAreAdded() {
            FigureResult f = killed(figures(ALEPPO, D27, D30, List.of(
                    incident("in").on(D28).killed(30).build(),
                    incident("out").on(D30).killed(20).build(),
                    periodTotal("p").period(D27, D29).killed(100).build())));
            assertRange(120, 120, 120, f);
            assertEquals("period_total", f.basis());
        }

        @Test
        void incidentsInPlacesOutsideThePeriodTotalsPlaceAreAdded() {
            // P covers Jebel Saman only; Al Bab and the admin1-only incident lie outside it
            FigureResult f = killed(aleppo(
                    incident("in").at("SY02", "SY0200").killed(40).build(),
                    incident("bab").place("Al Bab").at("SY02", "SY0201").killed(10).build(),
                    incident("gov").place("Aleppo governorate").at("SY02").killed(5).build(),
                    periodTotal("p").at("SY02", "SY0200").killed(100).build()));
            assertRange(115, 115, 115, f);
            assertEquals("period_total", f.basis());
        }

        @Test
        void coverageNeedsTheFinerUnitsDays() {
            List<StoredReport> nonIncident = List.of(
                    periodTotal("p").at("SY02", "SY0200").killed(100).build(),
                    periodTotal("q").source("UN").at("SY02").killed(90).build(),
                    periodTotal("x").source("X").at("SY02", "SY0201").period(D27, D30).killed(1).build(),
                    periodTotal("y").source("Y").at("SY02", "SY0201").status(Status.RETRACTED).killed(1).build(),
                    periodTotal("z").source("Z").atCountry().killed(1).build(),
                    stock("s").at("SY02", "SY0201").displaced(1).build());
            assertEquals(List.of(JEBEL_SAMAN),
                    List.copyOf(FiguresCalculator.coverageAreasNeeded(ALEPPO, D27, D29, nonIncident)));
            assertEquals(List.of(ALEPPO, JEBEL_SAMAN),
                    List.copyOf(FiguresCalculator.coverageAreasNeeded(SYRIA, D27, D29, nonIncident)));
            assertTrue(FiguresCalculator.coverageAreasNeeded(JEBEL_SAMAN, D27, D29, nonIncident).isEmpty());
        }

        @Test
        void estimatesUseTheIncidentLowBestAndHighSeparately() {
            // outside P's period: one incident reported 10 and 12 → 10/10/12
            FigureResult f = killed(figures(ALEPPO, D27, D30, List.of(
                    incident("a").source("A").on(D30).killed(10).build(),
                    incident("b").source("B").on(D30).killed(12).build(),
                    periodTotal("p").period(D27, D29).killed(100).build())));
            assertRange(110, 110, 112, f);
        }

        @Test
        void laterCumulativeTotalSupersedesAnEarlierOne() {
            FigureResult f = killed(aleppo(
                    periodTotal("p1").period(D27, D28).published("2024-11-28T18:00:00Z").killed(100).build(),
                    periodTotal("p2").period(D27, D29).published("2024-11-29T18:00:00Z").killed(255).build()));
            assertRange(255, 255, 255, f);
            assertEquals(List.of("p2"), f.reports());
            assertEquals(1, f.sources());
        }

        /**
         * v2 §2.2: p2 (27-29) contains p1 (27-28), so p1 is set aside and p2 alone floors the
         * window: 80 + max(0, 150 - 80) = 150. (v1 kept the source's largest estimate, 100 + 80 =
         * 180, reading p1 as if the source knew nothing of the 29th that p2 covers.)
         */
        @Test
        void aContainingTotalSetsAsideTheTotalsInsideIt() {
            FigureResult f = killed(aleppo(
                    incident("i").source("UN").on(D29).killed(80).build(),
                    periodTotal("p1").period(D27, D28).killed(100).build(),
                    periodTotal("p2").period(D27, D29).killed(150).build()));
            assertRange(150, 150, 150, f);
            assertEquals(List.of("i", "p2"), f.reports());
        }

        @Test
        void acrossSourcesMinLowerMedianMax() {
            FigureResult f = killed(aleppo(
                    periodTotal("a").source("A").killed(300).build(),
                    periodTotal("b").source("B").killed(200).build(),
                    periodTotal("c").source("C").killed(255).build(),
                    periodTotal("d").source("D").killed(400).build()));
            assertRange(200, 255, 400, f);
            assertEquals(4, f.sources());
        }

        @Test
        void eachOfLowBestHighIsTheMaxOfIncidentsAndPeriodTotals() {
            // incidents 10/20/30 in one incident; period totals 15 and 25 → P 15/15/25
            FigureResult f = killed(aleppo(
                    incident("i1").source("A").killed(10).build(),
                    incident("i2").source("B").killed(20).build(),
                    incident("i3").source("C").killed(30).build(),
                    periodTotal("p").source("P").killed(15).build(),
                    periodTotal("q").source("Q").killed(25).build()));
            assertRange(15, 20, 30, f);
            assertEquals("incidents", f.basis());
        }

        @Test
        void retractedOrRejectedPeriodTotalsNeverCount() {
            FigureResult f = killed(aleppo(
                    incident("i").killed(10).build(),
                    periodTotal("p").status(Status.RETRACTED).killed(255).build(),
                    periodTotal("q").source("Q").status(Status.REJECTED).killed(300).build()));
            assertRange(10, 10, 10, f);
            assertEquals(List.of("i"), f.reports());
        }

        @Test
        void onlyTheLatestRevisionOfAPeriodTotalCounts() {
            FigureResult f = killed(aleppo(
                    periodTotal("p").revision(1).killed(255).build(),
                    periodTotal("p").revision(2).killed(240).build()));
            assertRange(240, 240, 240, f);
        }

        @Test
        void aCoarserPlaceDoesNotCountForAFinerArea() {
            FiguresResult r = figures(JEBEL_SAMAN, D27, D29, List.of(
                    incident("i").killed(10).build(),
                    periodTotal("p").at("SY02").killed(255).build(),
                    stock("s").at("SY02").displaced(14000).build(),
                    territory("t").at("SY02").taken(50L, "HTS").build()));
            assertRange(10, 10, 10, killed(r));
            assertEquals(1, r.figures().size());
            assertNull(r.territory());
        }

        @Test
        void aPeriodOutsideTheWindowDoesNotCount() {
            // window 28-29; the total starts on the 27th
            FigureResult f = killed(figures(ALEPPO, D28, D29, List.of(
                    incident("i").on(D28).killed(10).build(),
                    periodTotal("p").period(D27, D29).killed(255).build(),
                    periodTotal("q").source("Q").period(D28, D30).killed(255).build())));
            assertRange(10, 10, 10, f);
        }

        @Test
        void anotherAdmin1DoesNotCount() {
            assertTrue(aleppo(periodTotal("p").at("SY07").killed(255).build()).figures().isEmpty());
        }

        @Test
        void atLeastComesFromThePeriodTotalWhenItSetsTheLow() {
            FigureResult f = killed(aleppo(
                    incident("i").killed(10).build(),
                    periodTotal("p").killedAtLeast(27).build()));
            assertTrue(f.atLeast());
            FigureResult g = killed(aleppo(
                    incident("i").killed(30).build(),
                    periodTotal("p").killedAtLeast(27).build()));
            assertFalse(g.atLeast());
        }
    }

    @Nested
    class GroupsFinal {

        @Test
        void aCiviliansOnlySourceDoesNotPullTheRangeOfAllDown() {
            FiguresResult r = aleppo(
                    periodTotal("sohr").killed(255).build(),
                    periodTotal("un").source(SourceKind.UN_AGENCY, "OHCHR")
                            .fig(Metric.KILLED, Group.CIVILIANS, 27, Qualifier.AT_LEAST).build());
            FigureResult all = killed(r);
            assertRange(255, 255, 255, all);
            assertEquals(List.of("sohr"), all.reports());
            FigureResult civ = figure(r, Metric.KILLED, Group.CIVILIANS);
            assertRange(27, 27, 27, civ);
            assertTrue(civ.atLeast());
            assertEquals("period_total", civ.basis());
        }

        @Test
        void allIsRaisedToThePartitionsOfTheSameAreaAndWindow() {
            FiguresResult r = aleppo(
                    periodTotal("a").killed(20).build(),
                    periodTotal("c").source("UN").civilians(30).build(),
                    incident("i").source("X").combatants(5).build());
            FigureResult all = killed(r);
            assertRange(35, 35, 35, all);
            assertEquals("groups", all.basis());
            assertEquals(List.of("a", "c", "i"), all.reports());
            assertEquals(3, all.sources());
        }

        @Test
        void whereNothingGaveAllItIsThePartitionSum() {
            FiguresResult r = aleppo(
                    periodTotal("c").source("UN").civilians(27).build(),
                    incident("i").source("X").on(D28).combatants(10).build());
            FigureResult all = killed(r);
            assertRange(37, 37, 37, all);
            assertEquals("groups", all.basis());
        }

        @Test
        void noGroupIsDerivedFromAll() {
            FiguresResult r = aleppo(periodTotal("p").killed(255).build());
            assertEquals(List.of(Group.ALL), r.figures().stream().map(FigureResult::group).toList());
        }

        @Test
        void groupFilterStillSeesThePartitions() {
            FiguresResult r = figures(ALEPPO, D27, D29, List.of(
                    periodTotal("a").killed(20).build(),
                    periodTotal("c").source("UN").civilians(30).build()), Metric.KILLED, Group.ALL);
            assertEquals(1, r.figures().size());
            assertRange(30, 30, 30, killed(r));
        }
    }

    @Nested
    class Stocks {

        @Test
        void stocksAreNeverSummedOverTime() {
            FigureResult f = figure(aleppo(
                    stock("s1").on(D27).displaced(10000).build(),
                    stock("s2").on(D28).displaced(12000).build(),
                    stock("s3").on(D29).displaced(14000).build()), Metric.DISPLACED, Group.ALL);
            assertRange(14000, 14000, 14000, f);
            assertEquals("stock", f.basis());
            assertEquals(D29, f.asOfDate());
            assertEquals(List.of("s3"), f.reports());
        }

        @Test
        void theLatestPeriodEndWinsEvenIfPublishedEarlier() {
            FigureResult f = figure(aleppo(
                    stock("s1").on(D29).published("2024-11-29T01:00:00Z").displaced(9000).build(),
                    stock("s2").on(D28).published("2024-11-29T20:00:00Z").displaced(12000).build()),
                    Metric.DISPLACED, Group.ALL);
            assertRange(9000, 9000, 9000, f);
        }

        @Test
        void perUnitAcrossSourcesMinLowerMedianMax() {
            FigureResult f = figure(aleppo(
                    stock("a").source("OCHA").displaced(14000).build(),
                    stock("b").source("IOM").on(D28).displaced(12000).build(),
                    stock("c").source("SARC").displaced(20000).build()), Metric.DISPLACED, Group.ALL);
            assertRange(12000, 14000, 20000, f);
            assertEquals(3, f.sources());
            assertEquals(D29, f.asOfDate());
        }

        @Test
        void theUnitEqualToTheAreaIsUsedAlone() {
            FigureResult f = figure(aleppo(
                    stock("gov").displaced(14000).build(),
                    stock("js").source("IOM").at("SY02", "SY0200").displaced(5000).build()),
                    Metric.DISPLACED, Group.ALL);
            assertRange(14000, 14000, 14000, f);
            assertEquals(List.of("gov"), f.reports());
        }

        @Test
        void otherwiseTheLargestUnitsInsideAreSummedOnce() {
            FigureResult f = figure(figures(SYRIA, D27, D29, List.of(
                    stock("aleppo").at("SY02").displaced(14000).build(),
                    stock("js").source("IOM").at("SY02", "SY0200").on(D28).displaced(5000).build(),
                    stock("idleb").at("SY07").on(D28).displaced(1000).build())), Metric.DISPLACED, Group.ALL);
            assertRange(15000, 15000, 15000, f);
            assertEquals(List.of("aleppo", "idleb"), f.reports());
            assertEquals(D29, f.asOfDate());
        }

        @Test
        void unitsWithoutACoveringUnitAreSummed() {
            FigureResult f = figure(aleppo(
                    stock("js").at("SY02", "SY0200").displaced(5000).build(),
                    stock("bab").at("SY02", "SY0201").displaced(3000).build()), Metric.DISPLACED, Group.ALL);
            assertRange(8000, 8000, 8000, f);
        }

        @Test
        void aStockOutsideTheWindowDoesNotCount() {
            FiguresResult r = figures(ALEPPO, D27, D28, List.of(stock("s").on(D29).displaced(14000).build()));
            assertTrue(r.figures().isEmpty());
        }

        @Test
        void aLevelMetricPrefersTheStockOverIncidentFlows() {
            FiguresResult r = aleppo(
                    incident("i").fig(Metric.DISPLACED, Group.ALL, 500).killed(3).build(),
                    stock("s").displaced(14000).build());
            FigureResult d = figure(r, Metric.DISPLACED, Group.ALL);
            assertRange(14000, 14000, 14000, d);
            assertEquals(List.of("s"), d.reports());
            assertRange(3, 3, 3, killed(r));
        }

        @Test
        void aFlowMetricPrefersIncidentsOverAStockAndUsesAStockOnlyWhenAlone() {
            FigureResult f = killed(aleppo(incident("i").killed(3).build(), stock("s").killed(100).build()));
            assertRange(3, 3, 3, f);
            assertEquals("incidents", f.basis());
            FigureResult g = killed(aleppo(stock("s").killed(100).build()));
            assertEquals("stock", g.basis());
        }

        @Test
        void incidentDisplacementWithoutAStockStays() {
            FigureResult d = figure(aleppo(incident("i").fig(Metric.DISPLACED, Group.ALL, 500).build()),
                    Metric.DISPLACED, Group.ALL);
            assertEquals("incidents", d.basis());
        }

        @Test
        void stockAllMadeOfStockPartitions() {
            FigureResult d = figure(aleppo(
                    stock("s").fig(Metric.DETAINED, Group.CIVILIANS, 40).fig(Metric.DETAINED, Group.COMBATANTS, 60).build()),
                    Metric.DETAINED, Group.ALL);
            assertRange(100, 100, 100, d);
            assertEquals("groups", d.basis());
            assertEquals(D29, d.asOfDate());
        }

        @Test
        void atLeastStock() {
            FigureResult d = figure(aleppo(
                    stock("s").fig(Metric.DISPLACED, Group.ALL, 14000, Qualifier.AT_LEAST).build()),
                    Metric.DISPLACED, Group.ALL);
            assertTrue(d.atLeast());
        }
    }

    @Nested
    class Territory {

        @Test
        void perSourceTheLargerOfCountAndDistinctNamedPlaces() {
            TerritoryResult t = aleppo(
                    territory("a").source("SOHR").taken(50L, "HTS", "Khan al-Asal", "Urum al-Kubra").build(),
                    territory("b").source("ISW").taken(null, "HTS", "Khan al-Asal", "khan  AL-ASAL", "Anadan").build(),
                    territory("c").source("ISW").period(D28, D29).taken(1L, "HTS", "Hayyan").build()).territory();
            // SOHR: max(50, 2) = 50; ISW: max(1, 3 distinct places) = 3
            assertEquals(List.of(3L, 3L, 50L), List.of(t.low(), t.best(), t.high()));
            assertEquals(List.of("a", "b", "c"), t.reports());
            assertEquals(2, t.sources());
            assertEquals(List.of("Anadan", "Hayyan", "Khan al-Asal", "Urum al-Kubra"),
                    t.places().stream().map(PlaceControl::place).toList());
        }

        @Test
        void aSourcesLargestCountIsKeptNotSummed() {
            TerritoryResult t = aleppo(
                    territory("a").period(D27, D28).taken(30L, "HTS").build(),
                    territory("b").period(D27, D29).taken(50L, "HTS").build()).territory();
            assertEquals(List.of(50L, 50L, 50L), List.of(t.low(), t.best(), t.high()));
        }

        @Test
        void placesShowTheActorThatMostRecentlyTookThem() {
            TerritoryResult t = aleppo(
                    territory("a").source("A").period(D27, D28).published("2024-11-29T20:00:00Z")
                            .taken(null, "HTS", "Tal Rifaat").build(),
                    territory("b").source("B").period(D27, D29).published("2024-11-29T01:00:00Z")
                            .taken(null, "SNA", "tal rifaat").build(),
                    territory("c").source("C").period(D27, D29).published("2024-11-29T02:00:00Z")
                            .taken(null, "SDF", "Tal Rifaat ").build()).territory();
            assertEquals(List.of(new PlaceControl("Tal Rifaat", "SDF", D29)), t.places());
        }

        @Test
        void retractedTerritoryChangesAndOtherAreasDoNotCount() {
            assertNull(aleppo(
                    territory("a").status(Status.RETRACTED).taken(50L, "HTS").build(),
                    territory("b").at("SY07").taken(50L, "HTS").build()).territory());
        }

        @Test
        void territoryIsReportedWhateverTheFigureFilter() {
            FiguresResult r = figures(ALEPPO, D27, D29, List.of(territory("a").taken(50L, "HTS").build()),
                    Metric.KILLED, Group.ALL);
            assertTrue(r.figures().isEmpty());
            assertEquals(50, r.territory().best());
        }
    }

    @Nested
    class Daily {

        List<StoredReport> reports = List.of(
                incident("a").on(D27).killed(10).build(),
                incident("b").source("B").on(D27).killed(12).build(),
                incident("c").on(D29).place("X").civilians(4).build(),
                incident("d").on(D30).killed(99).build(),
                periodTotal("p").killed(255).build());

        List<AreaDay> stored(Area area) {
            return Pipeline.aggregate(SYR, D27, D30, reports).get(area);
        }

        @Test
        void oneEntryPerDayWithData() {
            List<DailyResult> d = FiguresCalculator.daily(ALEPPO, D27, D29, stored(ALEPPO), null, null);
            assertEquals(List.of(D27, D29), d.stream().map(DailyResult::day).toList());
            FigureResult first = d.get(0).figures().get(0);
            assertRange(10, 10, 12, first);
            assertEquals("incidents", first.basis());
            assertEquals(List.of("a", "b"), first.reports());
            assertEquals(2, first.sources());
            FigureResult derived = d.get(1).figures().get(0);
            assertEquals(Group.ALL, derived.group());
            assertEquals("groups", derived.basis());
            assertRange(4, 4, 4, derived);
        }

        @Test
        void filtersApplyAndEmptyDaysDrop() {
            List<DailyResult> d = FiguresCalculator.daily(ALEPPO, D27, D30, stored(ALEPPO), Metric.KILLED, Group.CIVILIANS);
            assertEquals(1, d.size());
            assertEquals(D29, d.get(0).day());
            assertEquals(1, d.get(0).figures().size());
        }

        @Test
        void otherAreasStoredDaysAreIgnored() {
            assertTrue(FiguresCalculator.daily(AL_BAB, D27, D30, stored(ALEPPO), null, null).isEmpty());
        }
    }

    @Test
    void aleppoScenario() {
        // SOHR-like monitor: 255 killed in SY02 over 27-29 Nov, mostly combatants; UN: at least 27
        // civilians; OCHA: more than 14,000 displaced, nearly half children; 50 villages changed hands.
        StoredReport sohr = periodTotal("sohr").source(SourceKind.MONITOR, "Syrian Observatory for Human Rights")
                .published("2024-11-29T18:00:00Z").killed(255).build();
        StoredReport un = periodTotal("un").source(SourceKind.UN_AGENCY, "OHCHR")
                .published("2024-11-30T09:00:00Z")
                .fig(Metric.KILLED, Group.CIVILIANS, 27, Qualifier.AT_LEAST).build();
        StoredReport ocha = stock("ocha").source(SourceKind.UN_AGENCY, "OCHA")
                .fig(Metric.DISPLACED, Group.ALL, 14000, Qualifier.AT_LEAST)
                .fig(Metric.DISPLACED, Group.CHILDREN, 6500, Qualifier.APPROX).build();
        StoredReport villages = territory("terr").source(SourceKind.MONITOR, "Syrian Observatory for Human Rights")
                .taken(50L, "Hayat Tahrir al-Sham", "Khan al-Asal", "Urum al-Kubra").build();
        StoredReport strike = incident("strike").source(SourceKind.MEDIA, "Halab Today").on(D28)
                .place("Aleppo University").civilians(10).build();
        StoredReport strike2 = incident("strike2").source(SourceKind.WITNESS, "local").on(D28)
                .place("aleppo university").civilians(12).build();
        StoredReport retracted = periodTotal("old").source("Someone").status(Status.RETRACTED).killed(900).build();

        FiguresResult r = aleppo(sohr, un, ocha, villages, strike, strike2, retracted);

        FigureResult all = killed(r);
        assertRange(255, 255, 255, all);
        assertEquals("period_total", all.basis());
        assertEquals(List.of("sohr", "strike", "strike2"), all.reports());
        assertEquals(3, all.sources());

        FigureResult civ = figure(r, Metric.KILLED, Group.CIVILIANS);
        // UN's 27 covers the strike (10..12): estimate 27, more than the incident's 10/10/12
        assertRange(27, 27, 27, civ);
        assertTrue(civ.atLeast());
        assertEquals("period_total", civ.basis());
        assertEquals(List.of("strike", "strike2", "un"), civ.reports());

        FigureResult displaced = figure(r, Metric.DISPLACED, Group.ALL);
        assertRange(14000, 14000, 14000, displaced);
        assertEquals("stock", displaced.basis());
        assertEquals(D29, displaced.asOfDate());
        assertTrue(displaced.atLeast());
        assertRange(6500, 6500, 6500, figure(r, Metric.DISPLACED, Group.CHILDREN));

        assertEquals(4, r.figures().size());
        TerritoryResult t = r.territory();
        assertEquals(List.of(50L, 50L, 50L), List.of(t.low(), t.best(), t.high()));
        assertEquals(List.of(new PlaceControl("Khan al-Asal", "Hayat Tahrir al-Sham", villages.report().period().end()),
                new PlaceControl("Urum al-Kubra", "Hayat Tahrir al-Sham", villages.report().period().end())), t.places());

        // the country sees the same (SY02 is its only data); Jebel Saman sees only the strike
        assertEquals(r.figures(), figures(SYRIA, D27, D29, List.of(sohr, un, ocha, villages, strike, strike2, retracted)).figures());
        FiguresResult js = figures(JEBEL_SAMAN, D27, D29, List.of(sohr, un, ocha, villages, strike, strike2));
        assertRange(10, 10, 12, killed(js));
        assertEquals("groups", killed(js).basis());
        assertNull(js.territory());
    }
}
