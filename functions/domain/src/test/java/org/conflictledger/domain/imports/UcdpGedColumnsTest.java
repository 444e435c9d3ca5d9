package org.conflictledger.domain.imports;

import static org.conflictledger.domain.imports.ImportFixtures.rejectedOn;
import static org.conflictledger.domain.imports.ImportFixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.DatePrecision;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.Side;
import org.conflictledger.domain.SubEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ucdp-ged mapping of docs/imports.md, column by column, on rows of all 49 columns. */
class UcdpGedColumnsTest {

    private static ImportRow one(Map<String, String> changes) throws ImportFileException {
        Map<String, String> row = new HashMap<>(Csv.firstRow("ucdp-ged-syria.csv", 1));
        row.putAll(changes);
        List<ImportRow> rows = ImportFixtures.read(ImportFormat.UCDP_GED, Csv.file(UcdpGedMapping.COLUMNS, List.of(row)));
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private static Figure killed(Report r, Group g) {
        return r.figures().stream().filter(f -> f.group() == g).findFirst().orElseThrow();
    }

    private static Consumer<ImportRow> precision(PlacePrecision p) {
        return r -> assertEquals(p, report(r).place().precision());
    }

    private static Consumer<ImportRow> datePrecision(DatePrecision p) {
        return r -> assertEquals(p, report(r).datePrecision());
    }

    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of("id", Map.of("id", "512345"),
                        (Consumer<ImportRow>) r -> assertEquals("ucdp-ged:512345", r.externalId())),
                Arguments.of("date_start == date_end: an incident", Map.of("date_start", "2024-10-02 00:00:00.000",
                        "date_end", "2024-10-02 00:00:00.000"), (Consumer<ImportRow>) r -> {
                            assertEquals(Scope.INCIDENT, report(r).scope());
                            assertEquals(LocalDate.of(2024, 10, 2), report(r).period().start());
                        }),
                Arguments.of("date_start < date_end: a period total", Map.of("date_start", "2024-10-02",
                        "date_end", "2024-10-09"), (Consumer<ImportRow>) r -> {
                            assertEquals(Scope.PERIOD_TOTAL, report(r).scope());
                            assertEquals(LocalDate.of(2024, 10, 2), report(r).period().start());
                            assertEquals(LocalDate.of(2024, 10, 9), report(r).period().end());
                        }),
                Arguments.of("date_start not a date", Map.of("date_start", "02/10/2024"), rejectedOn("date_start")),
                Arguments.of("date_end before date_start", Map.of("date_end", "2024-11-01"), rejectedOn("period.end")),
                Arguments.of("date_prec 1", Map.of("date_prec", "1"), datePrecision(DatePrecision.DAY)),
                Arguments.of("date_prec 2", Map.of("date_prec", "2"), datePrecision(DatePrecision.DAYS)),
                Arguments.of("date_prec 3", Map.of("date_prec", "3"), datePrecision(DatePrecision.WEEK)),
                Arguments.of("date_prec 4", Map.of("date_prec", "4"), datePrecision(DatePrecision.MONTH)),
                Arguments.of("date_prec 5", Map.of("date_prec", "5"), datePrecision(DatePrecision.MONTH)),
                Arguments.of("date_prec 6", Map.of("date_prec", "6"), rejectedOn("date_prec")),
                Arguments.of("type_of_violence 1", Map.of("type_of_violence", "1"), (Consumer<ImportRow>) r -> {
                    assertEquals(EventType.BATTLES, report(r).eventType());
                    assertNull(report(r).subEventType());
                }),
                Arguments.of("type_of_violence 2", Map.of("type_of_violence", "2"),
                        (Consumer<ImportRow>) r -> assertEquals(EventType.BATTLES, report(r).eventType())),
                Arguments.of("type_of_violence 3", Map.of("type_of_violence", "3", "side_b", "Civilians"),
                        (Consumer<ImportRow>) r -> {
                            assertEquals(EventType.VIOLENCE_AGAINST_CIVILIANS, report(r).eventType());
                            assertEquals(SubEventType.ATTACK, report(r).subEventType());
                            assertEquals(new Actor("Civilians", ActorType.CIVILIANS, Side.B), report(r).actors().get(1));
                        }),
                Arguments.of("type_of_violence 4", Map.of("type_of_violence", "4"), rejectedOn("type_of_violence")),
                Arguments.of("side_a", Map.of("side_a", "Government of Turkey"), (Consumer<ImportRow>) r ->
                        assertEquals(new Actor("Government of Turkey", ActorType.STATE_FORCES, Side.A), report(r).actors().get(0))),
                Arguments.of("side_b", Map.of("side_b", "IS"), (Consumer<ImportRow>) r ->
                        assertEquals(new Actor("IS", ActorType.REBEL_GROUP, Side.B), report(r).actors().get(1))),
                Arguments.of("best, low, high", Map.of("best", "23", "low", "20", "high", "31"), (Consumer<ImportRow>) r -> {
                    Figure all = killed(report(r), Group.ALL);
                    assertEquals(23L, all.value());
                    assertEquals(20L, all.low());
                    assertEquals(31L, all.high());
                    assertEquals(Qualifier.APPROX, all.qualifier());
                }),
                Arguments.of("best blank", Map.of("best", ""), rejectedOn("best")),
                Arguments.of("low above best", Map.of("low", "24"), rejectedOn("figures[0].low")),
                Arguments.of("high below best", Map.of("high", "22"), rejectedOn("figures[0].high")),
                Arguments.of("deaths_civilians", Map.of("deaths_civilians", "5"),
                        (Consumer<ImportRow>) r -> assertEquals(5L, killed(report(r), Group.CIVILIANS).value())),
                Arguments.of("deaths_a + deaths_b", Map.of("deaths_a", "4", "deaths_b", "6"),
                        (Consumer<ImportRow>) r -> assertEquals(10L, killed(report(r), Group.COMBATANTS).value())),
                Arguments.of("deaths_unknown", Map.of("deaths_unknown", "3"),
                        (Consumer<ImportRow>) r -> assertEquals(3L, killed(report(r), Group.UNKNOWN).value())),
                Arguments.of("deaths_civilians above best", Map.of("deaths_civilians", "99"), rejectedOn("figures[1].value")),
                Arguments.of("where_prec 1", Map.of("where_prec", "1"), precision(PlacePrecision.EXACT)),
                Arguments.of("where_prec 2", Map.of("where_prec", "2"), precision(PlacePrecision.NEAR)),
                Arguments.of("where_prec 3", Map.of("where_prec", "3"), precision(PlacePrecision.ADMIN2)),
                Arguments.of("where_prec 4", Map.of("where_prec", "4"), precision(PlacePrecision.ADMIN1)),
                Arguments.of("where_prec 5", Map.of("where_prec", "5"), precision(PlacePrecision.ADMIN1)),
                Arguments.of("where_prec 6", Map.of("where_prec", "6"), precision(PlacePrecision.COUNTRY)),
                Arguments.of("where_prec 7", Map.of("where_prec", "7"), precision(PlacePrecision.COUNTRY)),
                Arguments.of("where_prec 8", Map.of("where_prec", "8"), rejectedOn("where_prec")),
                Arguments.of("adm_1 with UCDP's 'governorate'", Map.of("adm_1", "Idleb governorate", "adm_2", ""),
                        (Consumer<ImportRow>) r -> assertEquals("SY07", report(r).place().admin1())),
                Arguments.of("adm_2 with UCDP's 'district'", Map.of("adm_2", "Afrin district"),
                        (Consumer<ImportRow>) r -> assertEquals("SY0203", report(r).place().admin2())),
                Arguments.of("adm_2 unknown", Map.of("adm_2", "Kobani district", "where_prec", "3"), (Consumer<ImportRow>) r -> {
                    assertNull(report(r).place().admin2());
                    assertEquals(PlacePrecision.ADMIN1, report(r).place().precision());
                    assertTrue(r.warnings().get(0).contains("'Kobani district'"), r.warnings()::toString);
                }),
                Arguments.of("where_description", Map.of("where_description", "Tal Rifaat town"),
                        (Consumer<ImportRow>) r -> assertEquals("Tal Rifaat town", report(r).place().name())),
                Arguments.of("latitude, longitude", Map.of("latitude", "36.47", "longitude", "37.09"), (Consumer<ImportRow>) r -> {
                    assertEquals(36.47, report(r).place().lat());
                    assertEquals(37.09, report(r).place().lon());
                }),
                Arguments.of("country", Map.of("country", "Yemen (North Yemen)", "adm_1", "", "adm_2", ""),
                        (Consumer<ImportRow>) r -> assertEquals("YEM", report(r).place().country())),
                Arguments.of("country DR Congo", Map.of("country", "DR Congo (Zaire)", "adm_1", "", "adm_2", ""),
                        (Consumer<ImportRow>) r -> assertEquals("COD", report(r).place().country())),
                Arguments.of("country unknown", Map.of("country", "Atlantis"), rejectedOn("country")),
                Arguments.of("source_date: the latest", Map.of("source_date", "2024-11-30 00:00:00.000;2024-11-28 00:00:00.000"),
                        (Consumer<ImportRow>) r -> assertEquals(Instant.parse("2024-11-30T00:00:00Z"),
                                report(r).source().publishedAt())),
                Arguments.of("source_date blank: date_end", Map.of("source_date", ""),
                        (Consumer<ImportRow>) r -> assertEquals(Instant.parse("2024-11-27T00:00:00Z"),
                                report(r).source().publishedAt())),
                Arguments.of("source_original", Map.of("source_original", "Enab Baladi"),
                        (Consumer<ImportRow>) r -> assertEquals("Enab Baladi", killed(report(r), Group.ALL).text())),
                Arguments.of("dyad_name, conflict_name", Map.of("dyad_name", "A - B", "conflict_name", "C"),
                        (Consumer<ImportRow>) r -> assertEquals("A - B (C)", report(r).summary())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void column(String name, Map<String, String> changes, Consumer<ImportRow> check) throws Exception {
        check.accept(one(changes));
    }

    @Test
    void unmappedColumnsChangeNothing() throws Exception {
        Report before = report(one(Map.of()));
        Map<String, String> changes = new HashMap<>();
        for (String c : List.of("relid", "year", "active_year", "code_status", "conflict_dset_id", "conflict_new_id",
                "dyad_dset_id", "dyad_new_id", "side_a_dset_id", "side_a_new_id", "side_b_dset_id", "side_b_new_id",
                "number_of_sources", "source_article", "source_office", "source_headline", "where_coordinates",
                "geom_wkt", "priogrid_gid", "country_id", "region", "event_clarity", "gwnoa", "gwnob")) {
            changes.put(c, "9");
        }
        assertEquals(before, report(one(changes)));
    }

    @Test
    void theSampleHasAll49Columns() {
        assertEquals(49, UcdpGedMapping.COLUMNS.size());
        assertEquals(Csv.rows(new String(ImportFixtures.bytes("ucdp-ged-syria.csv"),
                StandardCharsets.UTF_8)).get(0), UcdpGedMapping.COLUMNS);
    }
}
