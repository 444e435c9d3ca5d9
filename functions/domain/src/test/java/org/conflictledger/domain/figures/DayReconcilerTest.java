package org.conflictledger.domain.figures;

import static org.conflictledger.domain.figures.Reports.ALEPPO;
import static org.conflictledger.domain.figures.Reports.AL_BAB;
import static org.conflictledger.domain.figures.Reports.D27;
import static org.conflictledger.domain.figures.Reports.D28;
import static org.conflictledger.domain.figures.Reports.IDLEB;
import static org.conflictledger.domain.figures.Reports.JEBEL_SAMAN;
import static org.conflictledger.domain.figures.Reports.SYR;
import static org.conflictledger.domain.figures.Reports.SYRIA;
import static org.conflictledger.domain.figures.Reports.incident;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DayReconcilerTest {

    static List<AreaDay> day(StoredReport... reports) {
        return DayReconciler.reconcile(SYR, D27, List.of(reports));
    }

    static Tally tally(List<AreaDay> days, Area area, Metric m, Group g) {
        return days.stream().filter(d -> d.area().equals(area)).findFirst()
                .map(d -> d.figures().get(new FigureKey(m, g))).orElse(null);
    }

    static Tally killed(List<AreaDay> days, Area area) {
        return tally(days, area, Metric.KILLED, Group.ALL);
    }

    static void assertRange(long low, long best, long high, Tally t) {
        assertEquals(List.of(low, best, high), List.of(t.low(), t.best(), t.high()), "low/best/high");
    }

    @Nested
    class OneIncidentAcrossSources {

        @Test
        void twoSourcesSaying10And12Give10_10_12Never22() {
            List<AreaDay> d = day(
                    incident("a").source("SOHR").killed(10).build(),
                    incident("b").source(SourceKind.MEDIA, "Reuters").killed(12).build());
            Tally t = killed(d, JEBEL_SAMAN);
            assertRange(10, 10, 12, t);
            assertEquals(Set.of("a", "b"), t.reports());
            assertEquals(Set.of("monitor|sohr", "media|reuters"), t.sources());
        }

        @Test
        void threeSourcesBestIsTheMedian() {
            Tally t = killed(day(
                    incident("a").source("A").killed(30).build(),
                    incident("b").source("B").killed(10).build(),
                    incident("c").source("C").killed(12).build()), JEBEL_SAMAN);
            assertRange(10, 12, 30, t);
        }

        @Test
        void fourSourcesBestIsTheLowerMiddle() {
            Tally t = killed(day(
                    incident("a").source("A").killed(40).build(),
                    incident("b").source("B").killed(10).build(),
                    incident("c").source("C").killed(20).build(),
                    incident("d").source("D").killed(30).build()), JEBEL_SAMAN);
            assertRange(10, 20, 40, t);
        }

        @Test
        void sourceSpelledDifferentlyIsOneSource() {
            // same kind, name differs by case, accents and spaces: one source, its latest figure only
            Tally t = killed(day(
                    incident("a").source("Syrian Observatory").published("2024-11-27T10:00:00Z").killed(10).build(),
                    incident("b").source("  SYRIAN   Obsérvatory ").published("2024-11-27T18:00:00Z").killed(14).build()),
                    JEBEL_SAMAN);
            assertRange(14, 14, 14, t);
            assertEquals(Set.of("b"), t.reports());
            assertEquals(1, t.sources().size());
        }

        @Test
        void sameNameOfADifferentKindIsAnotherSource() {
            Tally t = killed(day(
                    incident("a").source(SourceKind.MEDIA, "Halab Today").killed(10).build(),
                    incident("b").source(SourceKind.NGO, "Halab Today").killed(14).build()), JEBEL_SAMAN);
            assertRange(10, 10, 14, t);
            assertEquals(2, t.sources().size());
        }

        @Test
        void aSourceContributesItsLatestPublishedFigure() {
            Tally t = killed(day(
                    incident("a").source("SOHR").published("2024-11-27T20:00:00Z").killed(25).build(),
                    incident("b").source("SOHR").published("2024-11-27T08:00:00Z").killed(9).build(),
                    incident("c").source("UN").killed(20).build()), JEBEL_SAMAN);
            assertRange(20, 20, 25, t);
            assertEquals(Set.of("a", "c"), t.reports());
        }

        /** v2 (Words, later): revision numbers of different reports never decide; updatedAt does. */
        @Test
        void publishedAtTieGoesToTheLaterUpdatedAtNotTheHigherRevision() {
            Tally t = killed(day(
                    incident("a").source("SOHR").revision(3).updated("2024-11-29T13:00:00Z").killed(25).build(),
                    incident("b").source("SOHR").revision(1).updated("2024-11-29T14:00:00Z").killed(9).build()),
                    JEBEL_SAMAN);
            assertRange(9, 9, 9, t);
            assertEquals(Set.of("b"), t.reports());
        }

        @Test
        void fullTieGoesToTheHigherIdWhateverTheOrder() {
            StoredReport a = incident("a").source("SOHR").killed(25).build();
            StoredReport b = incident("b").source("SOHR").killed(9).build();
            assertEquals(day(a, b), day(b, a));
            assertEquals(Set.of("b"), killed(day(a, b), JEBEL_SAMAN).reports());
        }

        @Test
        void latestIsPerMetricAndGroup() {
            // the later report says nothing about injured: the earlier injured figure stays
            Tally injured = tally(day(
                    incident("a").source("SOHR").published("2024-11-27T08:00:00Z").killed(5)
                            .fig(Metric.INJURED, Group.ALL, 30).build(),
                    incident("b").source("SOHR").published("2024-11-27T20:00:00Z").killed(7).build()),
                    JEBEL_SAMAN, Metric.INJURED, Group.ALL);
            assertRange(30, 30, 30, injured);
            assertEquals(Set.of("a"), injured.reports());
        }

        @Test
        void onlyTheLatestRevisionOfAReportIsUsed() {
            StoredReport r1 = incident("a").revision(1).killed(10).build();
            StoredReport r2 = incident("a").revision(2).killed(16).build();
            assertRange(16, 16, 16, killed(day(r1, r2), JEBEL_SAMAN));
            assertRange(16, 16, 16, killed(day(r2, r1), JEBEL_SAMAN));
        }
    }

    @Nested
    class WhatCounts {

        @Test
        void retractedAndRejectedNeverCount() {
            List<AreaDay> d = day(
                    incident("a").source("A").killed(10).build(),
                    incident("b").source("B").status(Status.RETRACTED).killed(100).build(),
                    incident("c").source("C").status(Status.REJECTED).killed(1).build());
            assertRange(10, 10, 10, killed(d, JEBEL_SAMAN));
        }

        @Test
        void disputedAndReceivedStillCount() {
            List<AreaDay> d = day(
                    incident("a").source("A").status(Status.DISPUTED).killed(10).build(),
                    incident("b").source("B").status(Status.RECEIVED).killed(12).build());
            assertRange(10, 10, 12, killed(d, JEBEL_SAMAN));
        }

        @Test
        void aRetractionAsLatestRevisionRemovesTheReport() {
            StoredReport r1 = incident("a").killed(10).build();
            StoredReport r2 = incident("a").revision(2).status(Status.RETRACTED).killed(10).build();
            assertTrue(day(r1, r2).isEmpty());
        }

        @Test
        void otherScopesCountriesAndDaysAreIgnored() {
            List<AreaDay> d = day(
                    incident("a").killed(10).build(),
                    Reports.periodTotal("p").killed(255).build(),
                    incident("b").source("B").country("IRQ").killed(99).build(),
                    incident("c").source("C").on(D28).killed(77).build());
            assertEquals(List.of(SYRIA, ALEPPO, JEBEL_SAMAN), d.stream().map(AreaDay::area).toList());
            assertRange(10, 10, 10, killed(d, SYRIA));
        }

        @Test
        void incidentsWithoutFiguresMakeNoAreaDay() {
            assertTrue(day(incident("a").build()).isEmpty());
        }
    }

    @Nested
    class Grouping {

        @Test
        void differentPlacesAreDifferentIncidentsAndAreSummed() {
            List<AreaDay> d = day(
                    incident("a").source("A").place("Aleppo").killed(10).build(),
                    incident("b").source("B").place("Khan al-Asal").killed(5).build());
            assertRange(15, 15, 15, killed(d, JEBEL_SAMAN));
        }

        @Test
        void placeNameIsComparedNormalised() {
            List<AreaDay> d = day(
                    incident("a").source("A").place("Ḥalab").killed(10).build(),
                    incident("b").source("B").place(" halab ").killed(12).build());
            assertRange(10, 10, 12, killed(d, JEBEL_SAMAN));
        }

        @Test
        void differentEventTypesAreDifferentIncidents() {
            List<AreaDay> d = day(
                    incident("a").source("A").event(EventType.BATTLES).killed(10).build(),
                    incident("b").source("B").event(EventType.EXPLOSIONS_REMOTE_VIOLENCE).killed(12).build());
            assertRange(22, 22, 22, killed(d, JEBEL_SAMAN));
        }

        @Test
        void sameActorSetInAnyOrderAndSpellingIsOneIncident() {
            List<AreaDay> d = day(
                    incident("a").source("A").actors("Hayat Tahrir al-Sham", "Syrian Arab Army").killed(10).build(),
                    incident("b").source("B").actors("SYRIAN ARAB ARMY", "hayat  tahrir al-sham").killed(12).build());
            assertRange(10, 10, 12, killed(d, JEBEL_SAMAN));
        }

        @Test
        void differentActorSetsAreDifferentIncidents() {
            List<AreaDay> d = day(
                    incident("a").source("A").actors("HTS", "SAA").killed(10).build(),
                    incident("b").source("B").actors("HTS").killed(12).build());
            assertRange(22, 22, 22, killed(d, JEBEL_SAMAN));
        }

        @Test
        void differentAdmin2AreDifferentIncidents() {
            List<AreaDay> d = day(
                    incident("a").source("A").at("SY02", "SY0200").killed(10).build(),
                    incident("b").source("B").at("SY02", "SY0201").killed(12).build());
            assertRange(22, 22, 22, killed(d, ALEPPO));
            assertRange(10, 10, 10, killed(d, JEBEL_SAMAN));
            assertRange(12, 12, 12, killed(d, AL_BAB));
        }

        @Test
        void sameIncidentKeyIsOneIncidentWhateverTheOtherFields() {
            List<AreaDay> d = day(
                    incident("a").source("A").key("strike-1").place("Aleppo").event(EventType.BATTLES).killed(10).build(),
                    incident("b").source("B").key("strike-1").place("Halab city")
                            .event(EventType.EXPLOSIONS_REMOTE_VIOLENCE).actors("X").killed(12).build());
            assertRange(10, 10, 12, killed(d, JEBEL_SAMAN));
        }

        /** v2 §1.1: the same event identity joins reports whatever keys their submitters gave. */
        @Test
        void theSameIdentityJoinsReportsWhateverTheirKeys() {
            List<AreaDay> d = day(
                    incident("a").source("A").key("k1").killed(10).build(),
                    incident("b").source("B").key("k2").killed(12).build());
            assertRange(10, 10, 12, killed(d, JEBEL_SAMAN));
        }

        /** v2 §1.1: a keyed and an unkeyed report of one event are one incident (v1 counted it twice: 22). */
        @Test
        void keyedAndUnkeyedReportsOfOneEventAreOneIncident() {
            List<AreaDay> d = day(
                    incident("a").source("A").key("k1").killed(10).build(),
                    incident("b").source("B").killed(12).build());
            assertRange(10, 10, 12, killed(d, JEBEL_SAMAN));
        }

        /** v2 §1.1: grouping is transitive: a key and an identity chain three reports into one incident. */
        @Test
        void groupingIsTransitiveThroughKeysAndIdentities() {
            List<AreaDay> d = day(
                    incident("a").source("A").key("k1").place("Atarib").killed(10).build(),
                    incident("b").source("B").place("Atarib").killed(12).build(),
                    incident("c").source("C").key("k1").place("al-Atarib town").event(EventType.EXPLOSIONS_REMOTE_VIOLENCE)
                            .killed(30).build(),
                    incident("d").source("D").place("Elsewhere").killed(5).build());
            assertRange(15, 17, 35, killed(d, JEBEL_SAMAN));
        }

        /** v2 §1.1: different keys with different identities stay different incidents. */
        @Test
        void differentKeysAndIdentitiesAreDifferentIncidents() {
            List<AreaDay> d = day(
                    incident("a").source("A").key("k1").place("x").killed(10).build(),
                    incident("b").source("B").key("k2").place("y").killed(12).build());
            assertRange(22, 22, 22, killed(d, JEBEL_SAMAN));
        }

        /** §1.1: a key never joins reports of different days: each day is its own incident. */
        @Test
        void aKeyNeverJoinsDifferentDays() {
            List<StoredReport> in = List.of(
                    incident("a").source("A").key("k").on(D27).killed(10).build(),
                    incident("b").source("B").key("k").on(D28).killed(12).build());
            assertRange(10, 10, 10, killed(DayReconciler.reconcile(SYR, D27, in), JEBEL_SAMAN));
            assertRange(12, 12, 12, killed(DayReconciler.reconcile(SYR, D28, in), JEBEL_SAMAN));
        }

        @Test
        void keyedIncidentWithDifferentAdmin2CountsAtTheirCommonAdmin1Only() {
            List<AreaDay> d = day(
                    incident("a").source("A").key("k").at("SY02", "SY0200").killed(10).build(),
                    incident("b").source("B").key("k").at("SY02", "SY0201").killed(12).build());
            assertRange(10, 10, 12, killed(d, ALEPPO));
            assertRange(10, 10, 12, killed(d, SYRIA));
            assertNull(killed(d, JEBEL_SAMAN));
            assertNull(killed(d, AL_BAB));
        }

        @Test
        void keyedIncidentWithDifferentAdmin1CountsForTheCountryOnly() {
            List<AreaDay> d = day(
                    incident("a").source("A").key("k").at("SY02", "SY0200").killed(10).build(),
                    incident("b").source("B").key("k").at("SY07").killed(12).build());
            assertEquals(List.of(SYRIA), d.stream().map(AreaDay::area).toList());
        }

        @Test
        void keyedIncidentWithAdmin1AndAdmin2ReportsCountsAtAdmin1() {
            List<AreaDay> d = day(
                    incident("a").source("A").key("k").at("SY02", "SY0200").killed(10).build(),
                    incident("b").source("B").key("k").at("SY02").killed(12).build());
            assertEquals(List.of(SYRIA, ALEPPO), d.stream().map(AreaDay::area).toList());
        }
    }

    @Nested
    class AreaLevels {

        @Test
        void anAdmin2IncidentCountsForItsAdmin2Admin1AndCountry() {
            List<AreaDay> d = day(incident("a").killed(10).build());
            assertEquals(List.of(SYRIA, ALEPPO, JEBEL_SAMAN), d.stream().map(AreaDay::area).toList());
            d.forEach(ad -> assertEquals(D27, ad.day()));
        }

        @Test
        void anAdmin1IncidentDoesNotCountForAnyAdmin2() {
            List<AreaDay> d = day(
                    incident("a").source("A").at("SY02").killed(10).build(),
                    incident("b").source("B").place("Al Bab").at("SY02", "SY0201").killed(3).build());
            assertRange(13, 13, 13, killed(d, ALEPPO));
            assertRange(3, 3, 3, killed(d, AL_BAB));
            assertNull(killed(d, JEBEL_SAMAN));
        }

        @Test
        void aCountryIncidentCountsForTheCountryOnly() {
            List<AreaDay> d = day(incident("a").atCountry().killed(10).build());
            assertEquals(List.of(SYRIA), d.stream().map(AreaDay::area).toList());
        }

        @Test
        void areasAreSortedByKey() {
            List<AreaDay> d = day(
                    incident("a").source("A").at("SY07", "SY0700").killed(1).build(),
                    incident("b").source("B").at("SY02", "SY0201").killed(1).build(),
                    incident("c").source("C").at("SY02", "SY0200").killed(1).build());
            assertEquals(List.of("SYR", "SYR/SY02", "SYR/SY02/SY0200", "SYR/SY02/SY0201", "SYR/SY07", "SYR/SY07/SY0700"),
                    d.stream().map(ad -> ad.area().key()).toList());
            assertRange(3, 3, 3, killed(d, SYRIA));
            assertRange(1, 1, 1, killed(d, IDLEB));
        }

        @Test
        void sumsOverIncidentsAreSumsOfLowsBestsAndHighs() {
            List<AreaDay> d = day(
                    incident("a").source("A").place("X").killed(10).build(),
                    incident("b").source("B").place("X").killed(12).build(),
                    incident("c").source("A").place("Y").killed(3).build(),
                    incident("d").source("C").place("Y").killed(8).build(),
                    incident("e").source("D").place("Y").killed(5).build());
            Tally t = killed(d, JEBEL_SAMAN);
            assertRange(10 + 3, 10 + 5, 12 + 8, t);
            assertEquals(Set.of("a", "b", "c", "d", "e"), t.reports());
            assertEquals(4, t.sources().size());
        }
    }

    @Nested
    class Groups {

        @Test
        void tenCiviliansKilledOnlyAdds10ToKilledAll() {
            List<AreaDay> d = day(
                    incident("a").source("A").place("X").event(EventType.EXPLOSIONS_REMOTE_VIOLENCE).civilians(10).build(),
                    incident("b").source("B").place("Y").killed(4).build());
            Tally all = killed(d, JEBEL_SAMAN);
            assertRange(14, 14, 14, all);
            assertFalse(all.fromGroups());
            assertRange(10, 10, 10, tally(d, JEBEL_SAMAN, Metric.KILLED, Group.CIVILIANS));
        }

        @Test
        void anAllMadeOnlyOfPartitionsIsMarkedFromGroups() {
            Tally all = killed(day(incident("a").civilians(10).combatants(5).build()), JEBEL_SAMAN);
            assertRange(15, 15, 15, all);
            assertTrue(all.fromGroups());
            assertEquals(Set.of("a"), all.reports());
        }

        @Test
        void allIsRaisedToThePartitionSum() {
            // A: all 10; B: civilians 8 + combatants 6 = 14 > 10
            Tally all = killed(day(
                    incident("a").source("A").killed(10).build(),
                    incident("b").source("B").civilians(8).combatants(6).build()), JEBEL_SAMAN);
            assertRange(14, 14, 14, all);
            assertEquals(Set.of("a", "b"), all.reports());
            assertFalse(all.fromGroups());
        }

        @Test
        void eachOfLowBestHighIsRaisedSeparately() {
            // all: 5/20/30 ; civilians 10/10/10 → 10/20/30
            Tally all = killed(day(
                    incident("a").source("A").killed(5).build(),
                    incident("b").source("B").killed(20).build(),
                    incident("c").source("C").killed(30).build(),
                    incident("d").source("D").civilians(10).build()), JEBEL_SAMAN);
            assertRange(10, 20, 30, all);
        }

        @Test
        void aLowerPartitionSumDoesNotPullAllDownNorJoinItsReports() {
            Tally all = killed(day(
                    incident("a").source("A").killed(20).build(),
                    incident("b").source("B").civilians(3).build()), JEBEL_SAMAN);
            assertRange(20, 20, 20, all);
            assertEquals(Set.of("a"), all.reports());
        }

        @Test
        void childrenAndWomenAreNotPartitions() {
            Tally all = killed(day(
                    incident("a").fig(Metric.KILLED, Group.CHILDREN, 4).fig(Metric.KILLED, Group.WOMEN, 3).build()),
                    JEBEL_SAMAN);
            assertNull(all);
        }

        @Test
        void noGroupIsDerivedFromAll() {
            List<AreaDay> d = day(incident("a").killed(10).build());
            assertEquals(Set.of(new FigureKey(Metric.KILLED, Group.ALL)), d.get(0).figures().keySet());
        }

        @Test
        void partitionsOfOneMetricDoNotTouchAnother() {
            List<AreaDay> d = day(incident("a").fig(Metric.INJURED, Group.CIVILIANS, 7).killed(2).build());
            assertRange(2, 2, 2, killed(d, JEBEL_SAMAN));
            assertRange(7, 7, 7, tally(d, JEBEL_SAMAN, Metric.INJURED, Group.ALL));
        }
    }

    @Nested
    class AtLeast {

        @Test
        void lowFromAnAtLeastValue() {
            Tally t = killed(day(
                    incident("a").source("A").killedAtLeast(10).build(),
                    incident("b").source("B").killed(12).build()), JEBEL_SAMAN);
            assertTrue(t.atLeast());
        }

        @Test
        void atLeastOnANonLowValueDoesNotMarkTheLow() {
            Tally t = killed(day(
                    incident("a").source("A").killed(10).build(),
                    incident("b").source("B").killedAtLeast(12).build()), JEBEL_SAMAN);
            assertFalse(t.atLeast());
            assertRange(10, 10, 12, t);
        }

        @Test
        void otherQualifiersDoNotChangeTheArithmetic() {
            Tally t = killed(day(
                    incident("a").source("A").fig(Metric.KILLED, Group.ALL, 10, Qualifier.APPROX).build(),
                    incident("b").source("B").fig(Metric.KILLED, Group.ALL, 12, Qualifier.AT_MOST).build()),
                    JEBEL_SAMAN);
            assertRange(10, 10, 12, t);
            assertFalse(t.atLeast());
        }

        @Test
        void aSumIsAtLeastWhenAnyPartIs() {
            Tally t = killed(day(
                    incident("a").source("A").place("X").killedAtLeast(10).build(),
                    incident("b").source("B").place("Y").killed(12).build()), JEBEL_SAMAN);
            assertTrue(t.atLeast());
            assertRange(22, 22, 22, t);
        }

        @Test
        void allRaisedByAnAtLeastPartitionTakesItsQualifier() {
            Tally t = killed(day(
                    incident("a").source("A").killed(5).build(),
                    incident("b").source("B").fig(Metric.KILLED, Group.CIVILIANS, 9, Qualifier.AT_LEAST).build()),
                    JEBEL_SAMAN);
            assertRange(9, 9, 9, t);
            assertTrue(t.atLeast());
        }
    }

    @Nested
    class Determinism {

        @Test
        void inputOrderAndDuplicatesDoNotMatter() {
            List<StoredReport> in = new ArrayList<>(List.of(
                    incident("a").source("A").killed(10).build(),
                    incident("b").source("B").killed(12).civilians(4).build(),
                    incident("c").source("C").place("Y").at("SY02", "SY0201").killed(3).build(),
                    incident("d").source("A").key("k").at("SY02").killed(7).build(),
                    incident("e").source("B").key("k").at("SY02", "SY0201").killedAtLeast(9).build()));
            List<AreaDay> expected = DayReconciler.reconcile(SYR, D27, in);
            Random rnd = new Random(42);
            for (int i = 0; i < 20; i++) {
                List<StoredReport> shuffled = new ArrayList<>(in);
                shuffled.addAll(in.subList(0, rnd.nextInt(in.size())));
                Collections.shuffle(shuffled, rnd);
                assertEquals(expected, DayReconciler.reconcile(SYR, D27, shuffled));
            }
        }
    }
}
