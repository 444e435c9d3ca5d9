package org.conflictledger.domain.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Period;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.SubEventType;
import org.conflictledger.domain.fixtures.SampleReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test (at least) per rule of docs/api.md's "The report" section, on the validator alone. */
class ReportValidatorTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ReportValidator validator = new ReportValidator(SampleReports.clock());

    // ---- helpers ---------------------------------------------------------------------------

    private List<FieldError> validate(ObjectNode tree) {
        return validator.validate(SampleReports.toReport(tree));
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    private void assertValid(ObjectNode tree) {
        List<FieldError> errors = validate(tree);
        assertTrue(errors.isEmpty(), () -> "expected no errors but got " + errors);
    }

    /** The report breaks exactly the one rule named by {@code field}. */
    private List<FieldError> assertOnlyError(ObjectNode tree, String field) {
        List<FieldError> errors = validate(tree);
        assertEquals(List.of(field), fields(errors), () -> "errors: " + errors);
        return errors;
    }

    private static ObjectNode obj(ObjectNode tree, String name) {
        return (ObjectNode) tree.get(name);
    }

    private static ObjectNode figure(String metric, String group, long value) {
        return F.objectNode().put("metric", metric).put("group", group).put("value", value).put("qualifier", "exact");
    }

    private static ObjectNode actor(String name) {
        return F.objectNode().put("name", name).put("type", "state_forces");
    }

    private static ObjectNode territoryChange() {
        ObjectNode t = SampleReports.validTree();
        t.put("scope", "territory_change");
        ObjectNode terr = t.putObject("territory");
        terr.put("placesCount", 50).put("qualifier", "at_least").put("toActor", "HTS").put("fromActor", "SAA");
        terr.putArray("places").add("Khan al-Asal");
        return t;
    }

    // ---- the example -----------------------------------------------------------------------

    @Test
    void apiMdExampleIsValid() {
        assertTrue(validator.validate(SampleReports.valid()).isEmpty());
    }

    @Test
    void nullReportIsAnError() {
        assertEquals(List.of("body"), fields(validator.validate(null)));
    }

    @Test
    void optionalFieldsMayAllBeAbsent() {
        ObjectNode t = SampleReports.validTree();
        for (String f : List.of("incidentKey", "datePrecision", "subEventType", "actors", "figures", "territory",
                "summary", "language", "tags")) {
            t.remove(f);
        }
        obj(t, "source").remove(List.of("url", "protected"));
        obj(t, "place").remove(List.of("admin1", "admin2", "name", "lat", "lon"));
        obj(t, "place").put("precision", "country");
        assertValid(t);
    }

    // ---- required fields ---------------------------------------------------------------------

    static Stream<String> requiredPaths() {
        return Stream.of("scope", "source", "source.kind", "source.name", "source.publishedAt", "period",
                "period.start", "period.end", "place", "place.country", "place.precision", "eventType",
                "actors[0].name", "actors[0].type", "figures[0].metric", "figures[0].group", "figures[0].value",
                "figures[0].qualifier");
    }

    @ParameterizedTest
    @MethodSource("requiredPaths")
    void eachRequiredFieldMissingIsNamed(String path) {
        ObjectNode t = SampleReports.validTree();
        remove(t, path);
        assertEquals(expectedFor(path), fields(validate(t)));
    }

    /** Without a country, the example's admin1 also lacks its parent; every other field is alone. */
    private static List<String> expectedFor(String path) {
        return path.equals("place.country") ? List.of("place.country", "place.admin1") : List.of(path);
    }

    @ParameterizedTest
    @MethodSource("requiredPaths")
    void eachRequiredFieldExplicitNullIsNamed(String path) {
        ObjectNode t = SampleReports.validTree();
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? t : (ObjectNode) t.at(pointer(path.substring(0, dot)));
        parent.putNull(path.substring(dot + 1));
        assertEquals(expectedFor(path), fields(validate(t)));
    }

    @Test
    void nullEntriesInListsAreNamed() {
        ObjectNode t = SampleReports.validTree();
        ((ArrayNode) t.get("actors")).addNull();
        ((ArrayNode) t.get("figures")).addNull();
        ((ArrayNode) t.get("tags")).addNull();
        assertEquals(List.of("actors[1]", "figures[1]", "tags[1]"), fields(validate(t)));
    }

    private static void remove(ObjectNode t, String path) {
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? t : (ObjectNode) t.at(pointer(path.substring(0, dot)));
        assertTrue(parent.has(path.substring(dot + 1)), path);
        parent.remove(path.substring(dot + 1));
    }

    private static String pointer(String path) {
        return "/" + path.replace(".", "/").replaceAll("\\[(\\d+)]", "/$1");
    }

    @Test
    void blankNamesAreRejected() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "source").put("name", "   ");
        ((ObjectNode) t.get("actors").get(0)).put("name", "");
        assertEquals(List.of("source.name", "actors[0].name"), fields(validate(t)));
    }

    // ---- ACLED taxonomy ------------------------------------------------------------------------

    /** docs/api.md's taxonomy, transcribed independently of the enum. */
    static final Map<String, List<String>> TAXONOMY = new LinkedHashMap<>();

    static {
        TAXONOMY.put("battles", List.of("armed_clash", "government_regains_territory",
                "non_state_actor_overtakes_territory"));
        TAXONOMY.put("explosions_remote_violence", List.of("chemical_weapon", "air_drone_strike", "suicide_bomb",
                "shelling_artillery_missile_attack", "remote_explosive_landmine_ied", "grenade"));
        TAXONOMY.put("violence_against_civilians", List.of("sexual_violence", "attack",
                "abduction_forced_disappearance"));
        TAXONOMY.put("protests", List.of("peaceful_protest", "protest_with_intervention",
                "excessive_force_against_protesters"));
        TAXONOMY.put("riots", List.of("violent_demonstration", "mob_violence"));
        TAXONOMY.put("strategic_developments", List.of("agreement", "arrests", "change_to_group_activity",
                "disrupted_weapons_use", "headquarters_or_base_established", "looting_property_destruction",
                "non_violent_transfer_of_territory", "other"));
    }

    static Stream<Arguments> subTypes() {
        return TAXONOMY.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(sub -> Arguments.of(sub, e.getKey())));
    }

    @Test
    void taxonomyHasSixTypesAndTwentyFiveSubTypes() {
        assertEquals(25, subTypes().count());
        assertEquals(25, SubEventType.values().length);
        assertEquals(TAXONOMY.keySet(),
                Arrays.stream(EventType.values()).map(EventType::toString).collect(Collectors.toCollection(
                        LinkedHashSet::new)));
        assertEquals(TAXONOMY.values().stream().flatMap(List::stream).collect(Collectors.toSet()),
                Arrays.stream(SubEventType.values()).map(SubEventType::toString).collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0} belongs to {1}")
    @MethodSource("subTypes")
    void eachSubTypeIsAcceptedUnderItsTypeAndRejectedUnderEveryOther(String sub, String type) {
        ObjectNode t = SampleReports.validTree();
        t.put("eventType", type).put("subEventType", sub);
        assertValid(t);
        assertEquals(type, SampleReports.toReport(t).subEventType().type().toString());
        for (String other : TAXONOMY.keySet()) {
            if (other.equals(type)) {
                continue;
            }
            ObjectNode bad = SampleReports.validTree();
            bad.put("eventType", other).put("subEventType", sub);
            List<FieldError> errors = assertOnlyError(bad, "subEventType");
            assertTrue(errors.get(0).message().contains(sub) && errors.get(0).message().contains(other),
                    errors.get(0).message());
        }
    }

    @Test
    void eventTypeWithoutSubTypeIsValid() {
        ObjectNode t = SampleReports.validTree();
        t.remove("subEventType");
        assertValid(t);
    }

    // ---- place -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"syr", "Syr", "SY", "SYRI", "S1R", "", " SYR", "SYR "})
    void countryMustBeThreeUpperCaseLetters(String country) {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("country", country);
        assertOnlyError(t, "place.country");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SYR", "UKR", "SDN", "PSE", "MMR"})
    void upperCaseAlpha3IsAccepted(String country) {
        ObjectNode t = SampleReports.validTree();
        // The sample's admin1 is Syrian (SY02): another country keeps only its country level.
        obj(t, "place").put("country", country).putNull("admin1").put("precision", "country");
        assertValid(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"IQ02", "SY", "TR0200"})
    void admin1MustStartWithTheCountrysAlpha2Code(String admin1) {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("admin1", admin1);
        assertOnlyError(t, "place.admin1");
    }

    @Test
    void admin1OfAnotherCountryIsAcceptedUnderItsOwnCountry() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("country", "UKR").put("admin1", "UA14");
        assertValid(t);
    }

    @Test
    void pcodeHierarchyAdmin2UnderAdmin1AndAdmin3UnderAdmin2() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("admin2", "SY0200").put("admin3", "SY020000").put("precision", "admin2");
        assertValid(t);
    }

    @Test
    void admin2MustStartWithAdmin1() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("admin2", "SY0300");
        assertOnlyError(t, "place.admin2");
    }

    @Test
    void admin2EqualToAdmin1IsNotAChild() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("admin2", "SY02");
        assertOnlyError(t, "place.admin2");
    }

    @Test
    void admin3MustStartWithAdmin2() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("admin2", "SY0200").put("admin3", "SY020100");
        assertOnlyError(t, "place.admin3");
    }

    @Test
    void admin2WithoutAdmin1IsRejected() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").putNull("admin1").put("admin2", "SY0200").put("precision", "country");
        List<FieldError> errors = assertOnlyError(t, "place.admin2");
        assertTrue(errors.get(0).message().contains("place.admin1"));
    }

    @Test
    void admin3WithoutAdmin2IsRejected() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("admin3", "SY020000");
        List<FieldError> errors = assertOnlyError(t, "place.admin3");
        assertTrue(errors.get(0).message().contains("place.admin2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sy02", "S", "SY-02", "SY 02", "SY02SY02SY02SY02SY021"})
    void pcodeFormatIsChecked(String code) {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("admin1", code);
        assertOnlyError(t, "place.admin1");
    }

    @Test
    void precisionAdmin1NeedsAdmin1AndAdmin2NeedsAdmin2() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").putNull("admin1");
        assertOnlyError(t, "place.precision");
        ObjectNode t2 = SampleReports.validTree();
        obj(t2, "place").put("precision", "admin2");
        assertOnlyError(t2, "place.precision");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-90, -89.999, 0, 36.2021, 90})
    void latitudeInRangeIsAccepted(double lat) {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("lat", lat).put("lon", 37.1343).put("precision", "exact");
        assertValid(t);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-90.0001, 90.0001, 180, -1000, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void latitudeOutOfRangeIsRejected(double lat) {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("lat", lat).put("lon", 37.1343);
        assertOnlyError(t, "place.lat");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-180, 0, 179.9999, 180})
    void longitudeInRangeIsAccepted(double lon) {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("lat", 36.2).put("lon", lon);
        assertValid(t);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-180.0001, 180.0001, 360, Double.POSITIVE_INFINITY})
    void longitudeOutOfRangeIsRejected(double lon) {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("lat", 36.2).put("lon", lon);
        assertOnlyError(t, "place.lon");
    }

    @Test
    void notANumberCoordinatesAreRejected() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("lat", Double.NaN).put("lon", Double.NaN);
        assertEquals(List.of("place.lat", "place.lon"), fields(validate(t)));
    }

    @Test
    void latWithoutLonIsRejected() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("lat", 36.2);
        assertOnlyError(t, "place.lon");
    }

    @Test
    void lonWithoutLatIsRejected() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "place").put("lon", 37.1);
        assertOnlyError(t, "place.lat");
    }

    // ---- period ------------------------------------------------------------------------------

    private static ObjectNode withPeriod(String scope, String start, String end) {
        ObjectNode t = SampleReports.validTree();
        t.put("scope", scope);
        obj(t, "period").put("start", start).put("end", end);
        return t;
    }

    @Test
    void startAfterEndIsRejected() {
        assertOnlyError(withPeriod("period_total", "2024-11-29", "2024-11-27"), "period.end");
    }

    @Test
    void startEqualToEndIsAccepted() {
        assertValid(withPeriod("period_total", "2024-11-29", "2024-11-29"));
    }

    @Test
    void incidentSpansOneDay() {
        assertValid(withPeriod("incident", "2024-11-29", "2024-11-29"));
        List<FieldError> errors = assertOnlyError(withPeriod("incident", "2024-11-28", "2024-11-29"), "period.end");
        assertTrue(errors.get(0).message().contains("one day"));
    }

    @Test
    void otherScopesMaySpanSeveralDays() {
        assertValid(withPeriod("period_total", "2024-11-01", "2024-11-29"));
        assertValid(withPeriod("stock", "2024-11-01", "2024-11-29"));
    }

    @Test
    void periodSpansAtMost366Days() {
        // 2023-12-01 .. 2024-11-30 is 366 days (2024 is a leap year)
        assertEquals(366, new Period(LocalDate.parse("2023-12-01"),
                LocalDate.parse("2024-11-30")).days());
        assertValid(withPeriod("period_total", "2023-12-01", "2024-11-30"));
        assertOnlyError(withPeriod("period_total", "2023-11-30", "2024-11-30"), "period.end");
        assertOnlyError(withPeriod("period_total", "1990-01-01", "2024-11-30"), "period.end");
    }

    @Test
    void periodInTheFutureIsRejected() {
        // NOW is 2024-12-01T12:00Z; dates far ahead of every time zone are rejected
        List<FieldError> errors = validate(withPeriod("period_total", "2024-12-05", "2024-12-06"));
        assertEquals(List.of("period.start", "period.end"), fields(errors));
        assertOnlyError(withPeriod("period_total", "2024-11-29", "2025-01-01"), "period.end");
    }

    @Test
    void todayIsNotTheFuture() {
        assertValid(withPeriod("incident", "2024-12-01", "2024-12-01"));
    }

    @Test
    void futureMeansLaterThanTheLatestTimeZoneOnEarth() {
        // at 2024-12-01T12:00Z it is already 2024-12-02 in UTC+14 (Kiribati), but nowhere 2024-12-03
        assertValid(withPeriod("incident", "2024-12-02", "2024-12-02"));
        assertEquals(List.of("period.start", "period.end"),
                fields(validate(withPeriod("incident", "2024-12-03", "2024-12-03"))));
    }

    // ---- source ------------------------------------------------------------------------------

    @Test
    void publishedAtMayRunAheadByFiveMinutesOfClockSkew() {
        Instant now = SampleReports.NOW;
        ObjectNode t = SampleReports.validTree();
        obj(t, "source").put("publishedAt", now.plusSeconds(300).toString());
        assertValid(t);
        assertEquals(now.plusSeconds(300), ReportValidator.latestAllowedPublication(SampleReports.clock()));
    }

    @Test
    void publishedAtInTheFutureIsRejected() {
        Instant now = SampleReports.NOW;
        ObjectNode t = SampleReports.validTree();
        obj(t, "source").put("publishedAt", now.plusSeconds(301).toString());
        assertOnlyError(t, "source.publishedAt");
        obj(t, "source").put("publishedAt", "2030-01-01T00:00:00Z");
        assertOnlyError(t, "source.publishedAt");
    }

    @Test
    void theClockIsTheInjectedOne() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "source").put("publishedAt", "2024-11-29T18:00:00Z");
        ReportValidator past = new ReportValidator(Clock.fixed(Instant.parse("2024-11-29T17:00:00Z"), ZoneOffset.UTC));
        assertTrue(fields(past.validate(SampleReports.toReport(t))).contains("source.publishedAt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org", "https://example.org/article/123", "HTTPS://EXAMPLE.ORG/a?b=c#d",
            "https://example.org/%D8%AD%D9%84%D8%A8", "https://example.org/مقال/١٢٣", "http://192.0.2.1:8080/x"})
    void httpAndHttpsUrlsAreAccepted(String url) {
        ObjectNode t = SampleReports.validTree();
        obj(t, "source").put("url", url);
        assertValid(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(document.cookie)", "ftp://example.org/file",
            "/article/123", "article/123", "example.org/article", "//example.org/article", "mailto:a@example.org",
            "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "https:///path", "http://",
            "https://exa mple.org/", "", "vbscript:msgbox(1)"})
    void otherUrlsAreRejected(String url) {
        ObjectNode t = SampleReports.validTree();
        obj(t, "source").put("url", url);
        assertOnlyError(t, "source.url");
    }

    @Test
    void overlongUrlIsRejected() {
        ObjectNode t = SampleReports.validTree();
        obj(t, "source").put("url", "https://example.org/" + "a".repeat(2100));
        assertOnlyError(t, "source.url");
    }

    // ---- figures -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 255, 9_999_999, 10_000_000})
    void valueFromZeroToTenMillionIsAccepted(long value) {
        ObjectNode t = SampleReports.validTree();
        ((ObjectNode) t.get("figures").get(0)).put("value", value);
        assertValid(t);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -255, 10_000_001, Long.MAX_VALUE, Long.MIN_VALUE})
    void valueOutOfRangeIsRejected(long value) {
        ObjectNode t = SampleReports.validTree();
        ((ObjectNode) t.get("figures").get(0)).put("value", value);
        assertOnlyError(t, "figures[0].value");
    }

    @Test
    void aSourcesOwnRangeIsAccepted() {
        ObjectNode t = SampleReports.validTree();
        ((ObjectNode) t.get("figures").get(0)).put("low", 230).put("high", 300);
        assertValid(t);
        ((ObjectNode) t.get("figures").get(0)).put("low", 255).put("high", 255);
        assertValid(t);
        ((ObjectNode) t.get("figures").get(0)).remove("high");
        assertValid(t);
    }

    @Test
    void aLowAboveTheValueIsRejected() {
        ObjectNode t = SampleReports.validTree();
        ((ObjectNode) t.get("figures").get(0)).put("low", 256);
        List<FieldError> errors = assertOnlyError(t, "figures[0].low");
        assertTrue(errors.get(0).message().contains("255"), errors.get(0).message());
    }

    @Test
    void aHighBelowTheValueIsRejected() {
        ObjectNode t = SampleReports.validTree();
        ((ObjectNode) t.get("figures").get(0)).put("low", 200).put("high", 254);
        assertOnlyError(t, "figures[0].high");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 10_000_001})
    void aRangeOutOfBoundsIsRejected(long bound) {
        ObjectNode t = SampleReports.validTree();
        ((ObjectNode) t.get("figures").get(0)).put("low", bound);
        assertOnlyError(t, "figures[0].low");
        t = SampleReports.validTree();
        ((ObjectNode) t.get("figures").get(0)).put("high", bound);
        assertOnlyError(t, "figures[0].high");
    }

    @Test
    void oneFigurePerMetricAndGroup() {
        ObjectNode t = SampleReports.validTree();
        ArrayNode figs = (ArrayNode) t.get("figures");
        figs.add(figure("killed", "civilians", 10));
        figs.add(figure("injured", "all", 300));
        figs.add(figure("killed", "all", 255));
        List<FieldError> errors = assertOnlyError(t, "figures[3]");
        assertTrue(errors.get(0).message().contains("killed/all"), errors.get(0).message());
    }

    @Test
    void sameGroupUnderDifferentMetricsIsFine() {
        ObjectNode t = SampleReports.validTree();
        ArrayNode figs = (ArrayNode) t.get("figures");
        figs.add(figure("injured", "all", 400));
        figs.add(figure("displaced", "all", 5000));
        figs.add(figure("killed", "civilians", 20));
        figs.add(figure("injured", "civilians", 20));
        assertValid(t);
    }

    @Test
    void groupValueMayNotExceedTheSameMetricsAll() {
        ObjectNode t = SampleReports.validTree();
        ArrayNode figs = (ArrayNode) t.get("figures");
        figs.add(figure("killed", "civilians", 100));
        figs.add(figure("killed", "children", 255));   // equal is fine
        figs.add(figure("killed", "combatants", 256)); // one more is not
        List<FieldError> errors = assertOnlyError(t, "figures[3].value");
        assertTrue(errors.get(0).message().contains("255"), errors.get(0).message());
    }

    @Test
    void groupBeforeItsAllIsCheckedToo() {
        ObjectNode t = SampleReports.validTree();
        ArrayNode figs = F.arrayNode();
        figs.add(figure("killed", "women", 300));
        figs.add(figure("killed", "all", 255));
        t.set("figures", figs);
        assertOnlyError(t, "figures[0].value");
    }

    @Test
    void anotherMetricsAllDoesNotBoundAGroup() {
        ObjectNode t = SampleReports.validTree();
        ArrayNode figs = (ArrayNode) t.get("figures");
        figs.add(figure("displaced", "children", 100_000));
        figs.add(figure("injured", "civilians", 1000));
        assertValid(t);
    }

    @Test
    void groupWithoutAnAllIsNotBounded() {
        ObjectNode t = SampleReports.validTree();
        ArrayNode figs = F.arrayNode();
        figs.add(figure("killed", "civilians", 300));
        t.set("figures", figs);
        assertValid(t);
    }

    @Test
    void atMostFiftyFigures() {
        ObjectNode t = SampleReports.validTree();
        ArrayNode figs = F.arrayNode();
        for (int i = 0; i < 51; i++) {
            figs.add(figure("killed", "all", 1));
        }
        t.set("figures", figs);
        assertOnlyError(t, "figures");
        figs.remove(50);
        assertFalse(fields(validate(t)).contains("figures"), "50 figures are not too many");
    }

    @Test
    void figureTextMayHoldLineBreaksButNotOtherControls() {
        ObjectNode t = SampleReports.validTree();
        ((ObjectNode) t.get("figures").get(0)).put("text", "255 killed,\nmostly\tcombatants");
        assertValid(t);
        ((ObjectNode) t.get("figures").get(0)).put("text", "255 killed\u0000");
        assertOnlyError(t, "figures[0].text");
    }

    // ---- actors --------------------------------------------------------------------------------

    @Test
    void atMostTwentyActors() {
        ObjectNode t = SampleReports.validTree();
        ArrayNode actors = F.arrayNode();
        for (int i = 0; i < 20; i++) {
            actors.add(actor("Actor " + i));
        }
        t.set("actors", actors);
        assertValid(t);
        actors.add(actor("Actor 20"));
        assertOnlyError(t, "actors");
    }

    @Test
    void actorSideMayBeAbsent() {
        ObjectNode t = SampleReports.validTree();
        ((ObjectNode) t.get("actors").get(0)).remove("side");
        assertValid(t);
    }

    // ---- territory ------------------------------------------------------------------------------

    @Test
    void territoryChangeWithTerritoryIsValid() {
        assertValid(territoryChange());
    }

    @Test
    void territoryIsRequiredForTerritoryChange() {
        ObjectNode t = territoryChange();
        t.remove("territory");
        assertOnlyError(t, "territory");
        t.putNull("territory");
        assertOnlyError(t, "territory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"incident", "period_total", "stock"})
    void territoryOnlyForTerritoryChange(String scope) {
        ObjectNode t = territoryChange();
        t.put("scope", scope);
        obj(t, "period").put("start", "2024-11-29").put("end", "2024-11-29");
        assertOnlyError(t, "territory");
    }

    @Test
    void territoryNeedsACountOrPlaces() {
        ObjectNode t = territoryChange();
        obj(t, "territory").remove(List.of("placesCount", "places"));
        assertOnlyError(t, "territory.placesCount");
        ObjectNode onlyPlaces = territoryChange();
        obj(onlyPlaces, "territory").remove("placesCount");
        assertValid(onlyPlaces);
        ObjectNode onlyCount = territoryChange();
        obj(onlyCount, "territory").remove("places");
        assertValid(onlyCount);
    }

    @Test
    void territoryPlacesCountIsBounded() {
        ObjectNode t = territoryChange();
        obj(t, "territory").put("placesCount", -1);
        assertOnlyError(t, "territory.placesCount");
        obj(t, "territory").put("placesCount", 10_000_001);
        assertOnlyError(t, "territory.placesCount");
    }

    @Test
    void territoryPlaceNamesMustBeText() {
        ObjectNode t = territoryChange();
        ((ArrayNode) obj(t, "territory").get("places")).add(" ").add("Tal\u0007Rifaat");
        assertEquals(List.of("territory.places[1]", "territory.places[2]"), fields(validate(t)));
    }

    // ---- text: summary, tags, names ------------------------------------------------------------

    @Test
    void summaryOfExactly4000ArabicCodePointsPasses() {
        ObjectNode t = SampleReports.validTree();
        String arabic = "قُتِل ".repeat(1000).substring(0, 4000);
        assertEquals(4000, arabic.codePointCount(0, arabic.length()));
        t.put("summary", arabic);
        assertValid(t);
        t.put("summary", arabic + "ب");
        assertOnlyError(t, "summary");
    }

    @Test
    void summaryIsCountedInCodePointsNotUtf16Units() {
        ObjectNode t = SampleReports.validTree();
        String emoji = "\uD83D\uDE22".repeat(4000); // 😢, 4000 code points, 8000 chars
        assertEquals(8000, emoji.length());
        t.put("summary", emoji);
        assertValid(t);
        t.put("summary", emoji + "\uD83D\uDD25");
        assertOnlyError(t, "summary");
    }

    @Test
    void summaryOfMixedScriptsAt4000CodePointsPasses() {
        StringBuilder sb = new StringBuilder();
        String[] parts = {"حلب", "کوردی", "Kurdî", "\uD83C\uDDF8\uD83C\uDDFE", "\n"};
        int i = 0;
        while (sb.codePointCount(0, sb.length()) < 4000) {
            sb.append(parts[i++ % parts.length]);
        }
        String s = sb.toString();
        while (s.codePointCount(0, s.length()) > 4000) {
            s = s.substring(0, s.offsetByCodePoints(0, s.codePointCount(0, s.length()) - 1));
        }
        ObjectNode t = SampleReports.validTree();
        t.put("summary", s);
        assertValid(t);
    }

    @Test
    void summaryMayHaveLineBreaksButNoOtherControls() {
        ObjectNode t = SampleReports.validTree();
        t.put("summary", "line one\r\nline two\tend");
        assertValid(t);
        t.put("summary", "bell\u0007");
        assertOnlyError(t, "summary");
        t.put("summary", "nul\u0000");
        assertOnlyError(t, "summary");
    }

    @Test
    void atMostTwentyTags() {
        ObjectNode t = SampleReports.validTree();
        ArrayNode tags = F.arrayNode();
        for (int i = 0; i < 20; i++) {
            tags.add("tag-" + i);
        }
        t.set("tags", tags);
        assertValid(t);
        tags.add("tag-20");
        assertOnlyError(t, "tags");
    }

    @Test
    void tagsAreAtMost64CodePoints() {
        ObjectNode t = SampleReports.validTree();
        ArrayNode tags = F.arrayNode();
        tags.add("a".repeat(64)).add("\uD83D\uDD25".repeat(64)).add("ح".repeat(64));
        t.set("tags", tags);
        assertValid(t);
        tags.add("a".repeat(65));
        assertOnlyError(t, "tags[3]");
    }

    @Test
    void blankTagIsRejected() {
        ObjectNode t = SampleReports.validTree();
        ((ArrayNode) t.get("tags")).add(" ");
        assertOnlyError(t, "tags[1]");
    }

    static Stream<Arguments> nameFields() {
        return Stream.of(
                Arguments.of("source.name", (BiConsumer<ObjectNode, String>)
                        (t, v) -> obj(t, "source").put("name", v)),
                Arguments.of("place.name", (BiConsumer<ObjectNode, String>)
                        (t, v) -> obj(t, "place").put("name", v)),
                Arguments.of("actors[0].name", (BiConsumer<ObjectNode, String>)
                        (t, v) -> ((ObjectNode) t.get("actors").get(0)).put("name", v)),
                Arguments.of("tags[0]", (BiConsumer<ObjectNode, String>)
                        (t, v) -> ((ArrayNode) t.get("tags")).set(0, v)),
                Arguments.of("incidentKey", (BiConsumer<ObjectNode, String>)
                        (t, v) -> t.put("incidentKey", v)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nameFields")
    void controlCharactersInNamesAreRejected(String field, BiConsumer<ObjectNode, String> set) {
        for (String bad : List.of("a\u0000b", "a\nb", "a\rb", "a\tb", "a\u001bb", "a\u007fb", "a\u0085b")) {
            ObjectNode t = SampleReports.validTree();
            set.accept(t, bad);
            List<FieldError> errors = assertOnlyError(t, field);
            assertTrue(errors.get(0).message().contains("control"), errors.get(0).message());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nameFields")
    void loneSurrogatesInNamesAreRejected(String field, BiConsumer<ObjectNode, String> set) {
        for (String bad : List.of("a\uD800b", "a\uDC00", "\uDE22x")) {
            ObjectNode t = SampleReports.validTree();
            set.accept(t, bad);
            assertOnlyError(t, field);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nameFields")
    void unicodeNamesAreAccepted(String field, BiConsumer<ObjectNode, String> set) {
        for (String ok : List.of("المرصد السوري لحقوق الإنسان", "کوردستان", "Kurdistanê", "ڕۆژئاوا",
                "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "e\u0301", "\u200Fحلب\u200E")) {
            ObjectNode t = SampleReports.validTree();
            set.accept(t, ok);
            assertValid(t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ar", "ar-SY", "ckb", "ku-Latn", "ckb-Arab-IQ"})
    void bcp47LanguageTagsAreAccepted(String lang) {
        ObjectNode t = SampleReports.validTree();
        t.put("language", lang);
        assertValid(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e", "english!", "en_US", "ar-", "-en", "العربية"})
    void otherLanguageValuesAreRejected(String lang) {
        ObjectNode t = SampleReports.validTree();
        t.put("language", lang);
        assertOnlyError(t, "language");
    }

    // ---- all errors at once -------------------------------------------------------------------

    @Test
    void everyErrorOfAReportIsCollected() {
        ObjectNode t = SampleReports.validTree();
        t.remove("scope");
        obj(t, "source").remove("kind");
        obj(t, "source").put("url", "javascript:alert(1)").put("publishedAt", "2031-01-01T00:00:00Z");
        obj(t, "period").put("start", "2024-11-30").put("end", "2024-11-29");
        obj(t, "place").put("country", "syr").put("admin2", "SY0300").put("lat", 91.0);
        t.put("eventType", "protests");
        ((ArrayNode) t.get("actors")).add(F.objectNode().put("name", "x"));
        ArrayNode figs = (ArrayNode) t.get("figures");
        figs.add(figure("killed", "civilians", 300));
        figs.add(figure("killed", "civilians", 20_000_000));
        t.putObject("territory").put("placesCount", 3);
        t.put("summary", "x".repeat(4001));
        ((ArrayNode) t.get("tags")).add("t".repeat(65));
        t.put("language", "??");

        Set<String> got = Set.copyOf(fields(validate(t)));
        List<String> expected = List.of("scope", "source.kind", "source.url", "source.publishedAt", "period.end",
                "place.country", "place.admin2", "place.lon", "place.lat", "subEventType", "actors[1].type",
                "figures[1].value", "figures[2]", "figures[2].value", "territory", "summary", "tags[1]", "language");
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(got);
        assertTrue(missing.isEmpty(), () -> "not reported: " + missing + " (got " + got + ")");
        assertEquals(Set.copyOf(expected), got);
    }

    @Test
    void validateNeverThrowsOnAnEmptyReport() {
        Report empty = new Report(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(Set.of("scope", "source", "period", "place", "eventType"), Set.copyOf(fields(validator.validate(empty))));
    }
}
