package org.conflictledger.domain.imports;

import static org.conflictledger.domain.imports.ImportFixtures.rejectedOn;
import static org.conflictledger.domain.imports.ImportFixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.DatePrecision;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.Side;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.SubEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The acled mapping of docs/imports.md, column by column: one changed cell of a real-layout row each. */
class AcledColumnsTest {

    /** The first row of docs/samples/imports/acled-syria.csv. */
    private static Map<String, String> base() {
        return Csv.firstRow("acled-syria.csv", 1);
    }

    private static ImportRow one(Map<String, String> changes) throws ImportFileException {
        Map<String, String> row = new HashMap<>(base());
        row.putAll(changes);
        List<ImportRow> rows = ImportFixtures.read(ImportFormat.ACLED, Csv.file(AcledMapping.COLUMNS, List.of(row)));
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private static Figure killed(Report r) {
        return r.figures().stream().filter(f -> f.metric() == Metric.KILLED && f.group() == Group.ALL).findFirst()
                .orElseThrow();
    }

    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of("event_id_cnty", Map.of("event_id_cnty", "SYR123"),
                        (Consumer<ImportRow>) r -> assertEquals("acled:SYR123", r.externalId())),
                Arguments.of("event_id_cnty blank", Map.of("event_id_cnty", ""), rejectedOn("event_id_cnty")),
                Arguments.of("event_id_cnty with a space", Map.of("event_id_cnty", "SYR 1"), rejectedOn("event_id_cnty")),
                Arguments.of("event_date", Map.of("event_date", "2024-11-03"), (Consumer<ImportRow>) r -> {
                    assertEquals(LocalDate.of(2024, 11, 3), report(r).period().start());
                    assertEquals(LocalDate.of(2024, 11, 3), report(r).period().end());
                    assertEquals(Scope.INCIDENT, report(r).scope());
                }),
                Arguments.of("event_date as the export tool writes it", Map.of("event_date", "3 November 2024"),
                        (Consumer<ImportRow>) r -> assertEquals(LocalDate.of(2024, 11, 3), report(r).period().start())),
                Arguments.of("event_date not a date", Map.of("event_date", "2024-13-45"), rejectedOn("event_date")),
                Arguments.of("event_date in the future", Map.of("event_date", "2031-01-01"), rejectedOn("period.start")),
                Arguments.of("time_precision 1", Map.of("time_precision", "1"),
                        (Consumer<ImportRow>) r -> assertEquals(DatePrecision.DAY, report(r).datePrecision())),
                Arguments.of("time_precision 2", Map.of("time_precision", "2"),
                        (Consumer<ImportRow>) r -> assertEquals(DatePrecision.WEEK, report(r).datePrecision())),
                Arguments.of("time_precision 3", Map.of("time_precision", "3"),
                        (Consumer<ImportRow>) r -> assertEquals(DatePrecision.MONTH, report(r).datePrecision())),
                Arguments.of("time_precision 4", Map.of("time_precision", "4"), rejectedOn("time_precision")),
                Arguments.of("event_type", Map.of("event_type", "Explosions/Remote violence", "sub_event_type", "Grenade"),
                        (Consumer<ImportRow>) r -> {
                            assertEquals(EventType.EXPLOSIONS_REMOTE_VIOLENCE, report(r).eventType());
                            assertEquals(SubEventType.GRENADE, report(r).subEventType());
                        }),
                Arguments.of("event_type unknown", Map.of("event_type", "Skirmish"), rejectedOn("event_type")),
                Arguments.of("sub_event_type as ACLED spells it", Map.of("event_type", "Protests",
                                "sub_event_type", "Excessive force against protestors"),
                        (Consumer<ImportRow>) r -> assertEquals(SubEventType.EXCESSIVE_FORCE_AGAINST_PROTESTERS,
                                report(r).subEventType())),
                Arguments.of("sub_event_type of another type", Map.of("sub_event_type", "Peaceful protest"),
                        rejectedOn("subEventType")),
                Arguments.of("sub_event_type unknown", Map.of("sub_event_type", "Duel"), rejectedOn("sub_event_type")),
                Arguments.of("actor1, assoc_actor_1, inter1", Map.of("actor1", "Group A", "assoc_actor_1", "Ally 1; Ally 2",
                        "inter1", "3"), (Consumer<ImportRow>) r -> {
                            List<Actor> a = report(r).actors();
                            assertEquals(new Actor("Group A", ActorType.POLITICAL_MILITIA, Side.A), a.get(0));
                            assertEquals(new Actor("Ally 1", ActorType.POLITICAL_MILITIA, Side.A), a.get(1));
                            assertEquals(new Actor("Ally 2", ActorType.POLITICAL_MILITIA, Side.A), a.get(2));
                        }),
                Arguments.of("inter1 as newer exports write it", Map.of("inter1", "Identity militia"),
                        (Consumer<ImportRow>) r -> assertEquals(ActorType.IDENTITY_MILITIA, report(r).actors().get(0).type())),
                Arguments.of("inter1 missing", Map.of("inter1", ""), rejectedOn("inter1")),
                Arguments.of("inter1 unknown", Map.of("inter1", "9"), rejectedOn("inter1")),
                Arguments.of("actor2, assoc_actor_2, inter2", Map.of("actor2", "Civilians (Syria)", "assoc_actor_2",
                        "Farmers (Syria)", "inter2", "7"), (Consumer<ImportRow>) r -> {
                            List<Actor> a = report(r).actors();
                            assertEquals(new Actor("Civilians (Syria)", ActorType.CIVILIANS, Side.B), a.get(a.size() - 2));
                            assertEquals(new Actor("Farmers (Syria)", ActorType.CIVILIANS, Side.B), a.get(a.size() - 1));
                        }),
                Arguments.of("no actor2", Map.of("actor2", "", "inter2", ""),
                        (Consumer<ImportRow>) r -> assertTrue(report(r).actors().stream().noneMatch(a -> a.side() == Side.B))),
                Arguments.of("iso", Map.of("iso", "368", "country", "Iraq", "admin1", "", "admin2", ""),
                        (Consumer<ImportRow>) r -> assertEquals("IRQ", report(r).place().country())),
                Arguments.of("iso blank: the country name", Map.of("iso", "", "country", "Syria"),
                        (Consumer<ImportRow>) r -> assertEquals("SYR", report(r).place().country())),
                Arguments.of("country unknown", Map.of("iso", "", "country", "Atlantis"), rejectedOn("country")),
                Arguments.of("admin1 by its Arabic name", Map.of("admin1", "إدلب", "admin2", ""),
                        (Consumer<ImportRow>) r -> assertEquals("SY07", report(r).place().admin1())),
                Arguments.of("admin1 as ACLED spells it", Map.of("admin1", "Deir ez Zor", "admin2", ""),
                        (Consumer<ImportRow>) r -> assertEquals("SY09", report(r).place().admin1())),
                Arguments.of("admin1 unknown", Map.of("admin1", "Atlantis", "geo_precision", "3"), (Consumer<ImportRow>) r -> {
                    assertNull(report(r).place().admin1());
                    assertEquals(PlacePrecision.COUNTRY, report(r).place().precision());
                    assertTrue(r.warnings().get(0).contains("'Atlantis'"), r.warnings()::toString);
                }),
                Arguments.of("admin2", Map.of("admin2", "Afrin"),
                        (Consumer<ImportRow>) r -> assertEquals("SY0203", report(r).place().admin2())),
                Arguments.of("admin2 unknown", Map.of("admin2", "Nowhere", "geo_precision", "3"), (Consumer<ImportRow>) r -> {
                    assertEquals("SY02", report(r).place().admin1());
                    assertNull(report(r).place().admin2());
                    assertEquals(PlacePrecision.ADMIN1, report(r).place().precision());
                    assertTrue(r.warnings().get(0).contains("'Nowhere'"), r.warnings()::toString);
                }),
                Arguments.of("location", Map.of("location", "Tal Rifaat"),
                        (Consumer<ImportRow>) r -> assertEquals("Tal Rifaat", report(r).place().name())),
                Arguments.of("latitude, longitude", Map.of("latitude", "36.47", "longitude", "37.09"), (Consumer<ImportRow>) r -> {
                    assertEquals(36.47, report(r).place().lat());
                    assertEquals(37.09, report(r).place().lon());
                }),
                Arguments.of("latitude not a number", Map.of("latitude", "north"), rejectedOn("latitude")),
                Arguments.of("latitude out of range", Map.of("latitude", "91"), rejectedOn("place.lat")),
                Arguments.of("geo_precision 1", Map.of("geo_precision", "1"),
                        (Consumer<ImportRow>) r -> assertEquals(PlacePrecision.EXACT, report(r).place().precision())),
                Arguments.of("geo_precision 2", Map.of("geo_precision", "2"),
                        (Consumer<ImportRow>) r -> assertEquals(PlacePrecision.NEAR, report(r).place().precision())),
                Arguments.of("geo_precision 3", Map.of("geo_precision", "3"),
                        (Consumer<ImportRow>) r -> assertEquals(PlacePrecision.ADMIN2, report(r).place().precision())),
                Arguments.of("geo_precision 5", Map.of("geo_precision", "5"), rejectedOn("geo_precision")),
                Arguments.of("source", Map.of("source", "SOHR; Enab Baladi"),
                        (Consumer<ImportRow>) r -> assertEquals("SOHR; Enab Baladi", killed(report(r)).text())),
                Arguments.of("notes", Map.of("notes", "Two lines,\nwith a comma and \"quotes\"."),
                        (Consumer<ImportRow>) r -> assertEquals("Two lines,\nwith a comma and \"quotes\".", report(r).summary())),
                Arguments.of("notes too long", Map.of("notes", "x".repeat(4100)), (Consumer<ImportRow>) r -> {
                    assertEquals(4000, report(r).summary().length());
                    assertTrue(r.warnings().get(0).startsWith("notes"), r.warnings()::toString);
                }),
                Arguments.of("fatalities", Map.of("fatalities", "17"), (Consumer<ImportRow>) r -> {
                    Figure f = killed(report(r));
                    assertEquals(17L, f.value());
                    assertEquals(Qualifier.AT_LEAST, f.qualifier());
                }),
                Arguments.of("fatalities not a number", Map.of("fatalities", "many"), rejectedOn("fatalities")),
                Arguments.of("fatalities negative", Map.of("fatalities", "-1"), rejectedOn("figures[0].value")),
                Arguments.of("tags", Map.of("tags", "crowd size=no report; women targeted: girls"),
                        (Consumer<ImportRow>) r -> assertEquals(List.of("crowd size=no report", "women targeted: girls"),
                                report(r).tags())),
                Arguments.of("timestamp", Map.of("timestamp", "1733000000"), (Consumer<ImportRow>) r -> {
                    assertEquals(Instant.ofEpochSecond(1733000000), report(r).source().publishedAt());
                    assertEquals(SourceKind.MONITOR, report(r).source().kind());
                    assertEquals("ACLED", report(r).source().name());
                }),
                Arguments.of("timestamp blank", Map.of("timestamp", ""), rejectedOn("timestamp")),
                Arguments.of("timestamp in the future", Map.of("timestamp", "1900000000"), rejectedOn("source.publishedAt")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void column(String name, Map<String, String> changes, Consumer<ImportRow> check) throws Exception {
        check.accept(one(changes));
    }

    /** Columns the mapping does not use change nothing (docs/imports.md lists them). */
    @Test
    void unmappedColumnsChangeNothing() throws Exception {
        Report before = report(one(Map.of()));
        Report after = report(one(Map.of("year", "1999", "disorder_type", "Demonstrations", "interaction", "77",
                "civilian_targeting", "Civilian targeting", "region", "Europe", "admin3", "Somewhere",
                "source_scale", "Local partner-Other")));
        assertEquals(before, after);
    }

    /** An export with the columns in another order and upper-case names (older exports) reads the same. */
    @Test
    void columnOrderAndCaseDoNotMatter() throws Exception {
        Map<String, String> row = base();
        List<String> reversed = new ArrayList<>(AcledMapping.COLUMNS);
        Collections.reverse(reversed);
        String file = Csv.file(reversed, List.of(row)).replaceFirst("^[^\r]*",
                String.join(",", reversed).toUpperCase(Locale.ROOT));
        assertEquals(report(one(Map.of())), report(ImportFixtures.read(ImportFormat.ACLED, file).get(0)));
    }

    @Test
    void everyColumnOfTheExportIsKnown() {
        assertEquals(31, AcledMapping.COLUMNS.size());
        assertEquals(Csv.rows(new String(ImportFixtures.bytes("acled-syria.csv"),
                StandardCharsets.UTF_8)).get(0), AcledMapping.COLUMNS);
    }
}
