package org.conflictledger.domain.imports;

import static org.conflictledger.domain.imports.ImportFixtures.rejectedOn;
import static org.conflictledger.domain.imports.ImportFixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.Side;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.SubEventType;
import org.conflictledger.domain.Territory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hxl mapping of docs/imports.md, hashtag by hashtag, on the columns of the ledger's CSV export
 * (docs/samples/imports/hxl-export.csv has exactly the export's two header rows).
 */
class HxlColumnsTest {

    private static List<List<String>> sample() {
        return Csv.rows(new String(ImportFixtures.bytes("hxl-export.csv"), StandardCharsets.UTF_8));
    }

    /** The export's first data row changed by column name (row 1 of the export: the names). */
    private static ImportRow one(Map<String, String> changes) throws ImportFileException {
        List<List<String>> s = sample();
        List<String> names = s.get(0);
        List<String> row = new ArrayList<>(s.get(2));
        changes.forEach((k, v) -> {
            int i = names.indexOf(k);
            assertTrue(i >= 0, "no export column " + k);
            row.set(i, v);
        });
        String file = Csv.write(List.of(names.toArray(String[]::new), s.get(1).toArray(String[]::new),
                row.toArray(String[]::new)));
        List<ImportRow> rows = ImportFixtures.read(ImportFormat.HXL, file);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private static Figure figure(Report r, Metric m, Group g) {
        return r.figures().stream().filter(f -> f.metric() == m && f.group() == g).findFirst().orElseThrow();
    }

    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of("id #event+id", Map.of("id", "01JABC"),
                        (Consumer<ImportRow>) r -> assertEquals("hxl:01JABC", r.externalId())),
                Arguments.of("id blank", Map.of("id", ""), rejectedOn("#event+id")),
                Arguments.of("status retracted #status", Map.of("status", "retracted", "updatedAt", "2024-12-01T10:00:00Z"),
                        (Consumer<ImportRow>) r -> {
                            assertNull(r.report());
                            assertEquals(new Deletion(r.externalId(), Instant.parse("2024-12-01T10:00:00Z")), r.deletion());
                        }),
                Arguments.of("status rejected: imported", Map.of("status", "rejected"),
                        (Consumer<ImportRow>) r -> assertNotNull(report(r))),
                Arguments.of("scope #event+scope", Map.of("scope", "period_total", "periodEnd", "2024-11-30"),
                        (Consumer<ImportRow>) r -> assertEquals(Scope.PERIOD_TOTAL, report(r).scope())),
                Arguments.of("scope blank: incident for one day", Map.of("scope", ""),
                        (Consumer<ImportRow>) r -> assertEquals(Scope.INCIDENT, report(r).scope())),
                Arguments.of("scope blank: period_total for several", Map.of("scope", "", "periodEnd", "2024-11-30"),
                        (Consumer<ImportRow>) r -> assertEquals(Scope.PERIOD_TOTAL, report(r).scope())),
                Arguments.of("scope unknown", Map.of("scope", "rumour"), rejectedOn("scope")),
                Arguments.of("eventType #event+type", Map.of("eventType", "riots", "subEventType", "mob_violence"),
                        (Consumer<ImportRow>) r -> {
                            assertEquals(EventType.RIOTS, report(r).eventType());
                            assertEquals(SubEventType.MOB_VIOLENCE, report(r).subEventType());
                        }),
                Arguments.of("eventType unknown", Map.of("eventType", "war"), rejectedOn("#event+type")),
                Arguments.of("subEventType #event+type+sub of another type", Map.of("subEventType", "arrests"),
                        rejectedOn("subEventType")),
                Arguments.of("periodStart, periodEnd #date+start #date+end", Map.of("scope", "period_total",
                        "periodStart", "2024-11-01", "periodEnd", "2024-11-30"), (Consumer<ImportRow>) r -> {
                            assertEquals(LocalDate.of(2024, 11, 1), report(r).period().start());
                            assertEquals(LocalDate.of(2024, 11, 30), report(r).period().end());
                        }),
                Arguments.of("periodStart not a date", Map.of("periodStart", "yesterday"), rejectedOn("#date+start")),
                Arguments.of("datePrecision #meta+date+precision", Map.of("datePrecision", "week"),
                        (Consumer<ImportRow>) r -> assertEquals(DatePrecision.WEEK, report(r).datePrecision())),
                Arguments.of("country #country+code", Map.of("country", "IRQ", "admin1", "IQ01", "admin2", ""),
                        (Consumer<ImportRow>) r -> assertEquals("IRQ", report(r).place().country())),
                Arguments.of("country unknown", Map.of("country", "XYZ"), rejectedOn("#country+code")),
                Arguments.of("admin1, admin2, admin3 #adm1+code...", Map.of("admin1", "SY02", "admin2", "SY0203",
                        "admin3", "SY020300"), (Consumer<ImportRow>) r -> {
                            assertEquals("SY02", report(r).place().admin1());
                            assertEquals("SY0203", report(r).place().admin2());
                            assertEquals("SY020300", report(r).place().admin3());
                        }),
                Arguments.of("admin2 not under admin1", Map.of("admin2", "SY0703"), rejectedOn("place.admin2")),
                Arguments.of("placeName #loc+name", Map.of("placeName", "كفر حمرة"),
                        (Consumer<ImportRow>) r -> assertEquals("كفر حمرة", report(r).place().name())),
                Arguments.of("lat, lon #geo+lat #geo+lon", Map.of("lat", "36.1", "lon", "37.2"), (Consumer<ImportRow>) r -> {
                    assertEquals(36.1, report(r).place().lat());
                    assertEquals(37.2, report(r).place().lon());
                }),
                Arguments.of("lat without lon", Map.of("lon", ""), rejectedOn("place.lon")),
                Arguments.of("placePrecision #meta+loc+precision", Map.of("placePrecision", "exact"),
                        (Consumer<ImportRow>) r -> assertEquals(PlacePrecision.EXACT, report(r).place().precision())),
                Arguments.of("sourceKind #meta+source+type", Map.of("sourceKind", "un_agency"),
                        (Consumer<ImportRow>) r -> assertEquals(SourceKind.UN_AGENCY, report(r).source().kind())),
                Arguments.of("sourceKind unknown", Map.of("sourceKind", "blog"), rejectedOn("source.kind")),
                Arguments.of("sourceName #meta+source", Map.of("sourceName", "OHCHR"),
                        (Consumer<ImportRow>) r -> assertEquals("OHCHR", report(r).source().name())),
                Arguments.of("sourceUrl #meta+url", Map.of("sourceUrl", "https://example.org/x"),
                        (Consumer<ImportRow>) r -> assertEquals("https://example.org/x", report(r).source().url())),
                Arguments.of("sourceUrl not http", Map.of("sourceUrl", "ftp://example.org/x"), rejectedOn("source.url")),
                Arguments.of("sourcePublishedAt #date+reported", Map.of("sourcePublishedAt", "2024-11-30T06:00:00Z"),
                        (Consumer<ImportRow>) r -> assertEquals(Instant.parse("2024-11-30T06:00:00Z"),
                                report(r).source().publishedAt())),
                Arguments.of("sourcePublishedAt a date", Map.of("sourcePublishedAt", "2024-11-30"),
                        (Consumer<ImportRow>) r -> assertEquals(Instant.parse("2024-11-30T00:00:00Z"),
                                report(r).source().publishedAt())),
                Arguments.of("sourcePublishedAt bad", Map.of("sourcePublishedAt", "soon"), rejectedOn("#date+reported")),
                Arguments.of("sourceProtected #meta+protected", Map.of("sourceProtected", "true"),
                        (Consumer<ImportRow>) r -> assertTrue(report(r).source().isProtected())),
                Arguments.of("sourceProtected bad", Map.of("sourceProtected", "maybe"), rejectedOn("#meta+protected")),
                Arguments.of("actors #org+name", Map.of("actors", "A; B", "actorTypes", "", "actorSides", ""),
                        (Consumer<ImportRow>) r -> {
                    assertEquals(List.of(new Actor("A", ActorType.EXTERNAL_OTHER, null),
                            new Actor("B", ActorType.EXTERNAL_OTHER, null)), report(r).actors());
                    assertTrue(r.warnings().get(0).contains("#org+type"), r.warnings()::toString);
                }),
                Arguments.of("actors quoted: ';', quotes and edge white space kept", Map.of("actors",
                        "\"A; B\"; \" \"\"C\"\" \"", "actorTypes", "rebel_group; civilians", "actorSides", "a; -"),
                        (Consumer<ImportRow>) r -> assertEquals(List.of(new Actor("A; B", ActorType.REBEL_GROUP, Side.A),
                                new Actor(" \"C\" ", ActorType.CIVILIANS, null)), report(r).actors())),
                Arguments.of("actorTypes #org+type, actorSides #org+side", Map.of("actors", "A; B",
                        "actorTypes", "rebel_group; state_forces", "actorSides", "-; b"), (Consumer<ImportRow>) r -> {
                            assertEquals(List.of(new Actor("A", ActorType.REBEL_GROUP, null),
                                    new Actor("B", ActorType.STATE_FORCES, Side.B)), report(r).actors());
                            assertEquals(List.of(), r.warnings());
                        }),
                Arguments.of("actorTypes unknown", Map.of("actorTypes", "bandits; civilians"), rejectedOn("#org+type")),
                Arguments.of("actorSides unknown", Map.of("actorSides", "c; b"), rejectedOn("#org+side")),
                Arguments.of("incidentKey #event+code+incident", Map.of("incidentKey", " k-1; x "),
                        (Consumer<ImportRow>) r -> assertEquals(" k-1; x ", report(r).incidentKey())),
                Arguments.of("killed_civilians_qualifier #meta+affected+killed+civilians+qualifier",
                        Map.of("killed_civilians_qualifier", "at_least"), (Consumer<ImportRow>) r -> assertEquals(
                                Qualifier.AT_LEAST, figure(report(r), Metric.KILLED, Group.CIVILIANS).qualifier())),
                Arguments.of("killed_all_qualifier unknown", Map.of("killed_all_qualifier", "many"),
                        rejectedOn("figures[0].qualifier")),
                Arguments.of("killed_children_text #meta+affected+killed+children+text, guard undone",
                        Map.of("killed_children_text", "'=one child,\r\nnamed"), (Consumer<ImportRow>) r -> assertEquals(
                                "=one child,\r\nnamed", figure(report(r), Metric.KILLED, Group.CHILDREN).text())),
                Arguments.of("detained_all_qualifier without value", Map.of("detained_all_qualifier", "approx"),
                        rejectedOn("#meta+affected+detained+qualifier")),
                Arguments.of("missing_all_text without value", Map.of("missing_all_text", "none"),
                        rejectedOn("#meta+affected+missing+text")),
                Arguments.of("killed_all with its range #affected+killed(+min, +max)", Map.of("killed_all", "12",
                        "killed_all_low", "10", "killed_all_high", "15", "killed_civilians", "4", "killed_children", "1"),
                        (Consumer<ImportRow>) r -> {
                            assertEquals(new Figure(Metric.KILLED, Group.ALL, 12L, 10L, 15L, Qualifier.EXACT, null),
                                    figure(report(r), Metric.KILLED, Group.ALL));
                            assertEquals(4L, figure(report(r), Metric.KILLED, Group.CIVILIANS).value());
                        }),
                Arguments.of("displaced_women #affected+idps+f", Map.of("displaced_all", "100", "displaced_women", "40"),
                        (Consumer<ImportRow>) r -> assertEquals(40L, figure(report(r), Metric.DISPLACED, Group.WOMEN).value())),
                Arguments.of("missing_unknown #affected+missing+unknown", Map.of("missing_unknown", "3"),
                        (Consumer<ImportRow>) r -> assertEquals(3L, figure(report(r), Metric.MISSING, Group.UNKNOWN).value())),
                Arguments.of("injured_combatants_high without value", Map.of("injured_combatants_high", "3"),
                        rejectedOn("#affected+combatants+injured")),
                Arguments.of("detained_all not a number", Map.of("detained_all", "a few"), rejectedOn("#affected+detained")),
                Arguments.of("territoryPlaces #indicator+num+places+changed", Map.of("scope", "territory_change",
                        "territoryPlaces", "12", "periodEnd", "2024-11-29"),
                        (Consumer<ImportRow>) r -> assertEquals(12L, report(r).territory().placesCount())),
                Arguments.of("territory #meta+places+changed+qualifier, #org+control+to/+from, #loc+places+changed",
                        Map.of("scope", "territory_change", "periodEnd", "2024-11-29", "territoryQualifier", "approx",
                                "territoryToActor", "HTS", "territoryFromActor", "'@SAA",
                                "territoryPlaceNames", "Khan al-Asal; \"Kafr; Naha\""),
                        (Consumer<ImportRow>) r -> assertEquals(new Territory(null, Qualifier.APPROX, "HTS", "@SAA",
                                List.of("Khan al-Asal", "Kafr; Naha")), report(r).territory())),
                Arguments.of("summary #description, the export's formula guard undone", Map.of("summary", "'=SUM(A1)"),
                        (Consumer<ImportRow>) r -> assertEquals("=SUM(A1)", report(r).summary())),
                Arguments.of("summary with a plain apostrophe", Map.of("summary", "'quoted' text"),
                        (Consumer<ImportRow>) r -> assertEquals("'quoted' text", report(r).summary())),
                Arguments.of("summary with its own guard: one apostrophe comes off", Map.of("summary", "''=x "),
                        (Consumer<ImportRow>) r -> assertEquals("'=x ", report(r).summary())),
                Arguments.of("language #meta+lang", Map.of("language", "ku"),
                        (Consumer<ImportRow>) r -> assertEquals("ku", report(r).language())),
                Arguments.of("tags #meta+tags", Map.of("tags", "a; b"),
                        (Consumer<ImportRow>) r -> assertEquals(List.of("a", "b"), report(r).tags())),
                Arguments.of("tags quoted", Map.of("tags", "a; \" b;c \""),
                        (Consumer<ImportRow>) r -> assertEquals(List.of("a", " b;c "), report(r).tags())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void column(String name, Map<String, String> changes, Consumer<ImportRow> check) throws Exception {
        check.accept(one(changes));
    }

    /** Server-owned columns of the export (revision, submittedBy, times) are not the report's content. */
    @Test
    void serverOwnedColumnsChangeNothing() throws Exception {
        Report before = report(one(Map.of()));
        assertEquals(before, report(one(Map.of("revision", "9", "submittedBy", "someone", "receivedAt",
                "2024-12-01T00:00:00Z", "updatedAt", "2024-12-02T00:00:00Z", "status", "accepted"))));
    }

    /**
     * A monitor's own spreadsheet (docs/samples/imports/hxl-spreadsheet.csv): a title row, names in
     * any order, extra columns, admin names (Arabic too) through the gazetteer, #org+type, and rows
     * without a source taking the import's.
     */
    @Test
    void aSpreadsheetOfItsOwnLayout() throws Exception {
        Source given = new Source(SourceKind.NGO, "Aleppo monitors", null, Instant.parse("2024-12-01T00:00:00Z"), null);
        List<ImportRow> rows = ImportFixtures.read(ImportFormat.HXL, ImportFixtures.bytes("hxl-spreadsheet.csv"),
                ImportFixtures.context(given));
        assertEquals(3, rows.size());
        Report first = report(rows.get(0));
        assertEquals("hxl:LOG-2024-0141", rows.get(0).externalId());
        assertEquals("SY02", first.place().admin1());
        assertEquals("SY0202", first.place().admin2(), "Arabic admin names resolve through the aliases");
        assertEquals(PlacePrecision.ADMIN2, first.place().precision());
        assertEquals(new Actor("Unidentified Armed Group (Syria)", ActorType.POLITICAL_MILITIA, null), first.actors().get(0));
        assertEquals("Local committee", first.source().name(), "the row's own source");
        assertEquals(SourceKind.NGO, first.source().kind(), "kind and time from the import's source");
        assertEquals(given.publishedAt(), first.source().publishedAt());
        Report second = report(rows.get(1));
        assertEquals(given, second.source(), "a row without a source takes the import's");
        assertEquals(EventType.EXPLOSIONS_REMOTE_VIOLENCE, second.eventType(), "ACLED's words are accepted");
        assertEquals("SY0204", second.place().admin2());
        assertEquals("SY07", report(rows.get(2)).place().admin1(), "an alias: Idlib");
    }

    @Test
    void aRowWithoutSourceAndAnImportWithoutOneIsRejected() throws Exception {
        List<ImportRow> rows = ImportFixtures.read(ImportFormat.HXL, ImportFixtures.bytes("hxl-spreadsheet.csv"),
                ImportFixtures.context(null));
        assertTrue(rows.get(0).errors().stream().anyMatch(e -> e.field().equals("source.kind")),
                rows.get(0).errors()::toString);
        assertTrue(rows.get(1).errors().stream().anyMatch(e -> e.field().equals("#meta+source")), rows.get(1).errors()::toString);
    }

    /** Hashtags match in any case, attribute order and column order; #org+type and #org+side give actors' types and sides. */
    @Test
    void hashtagsMatchInAnyAttributeOrder() throws Exception {
        String file = Csv.write(List.of(
                new String[] {"#Org +Side", "#affected+CIVILIANS+killed", "#EVENT+ID", "#org+type", "#date+start",
                        "#meta+source", "#meta+source+type", "#date+reported", "#country+code", "#adm1+code",
                        "#event+type", "#org+name", "#affected+killed", "#Affected +Qualifier+killed"},
                new String[] {"a; b", "2", "x1", "state_forces; 2", "2024-11-28", "SNHR", "ngo", "2024-11-29T00:00:00Z",
                        "SYR", "SY02", "battles", "Army; HTS", "5", "approx"}));
        Report r = report(ImportFixtures.read(ImportFormat.HXL, file).get(0));
        assertEquals(List.of(new Actor("Army", ActorType.STATE_FORCES, Side.A), new Actor("HTS", ActorType.REBEL_GROUP, Side.B)),
                r.actors());
        assertEquals(2L, figure(r, Metric.KILLED, Group.CIVILIANS).value());
        assertEquals(Qualifier.APPROX, figure(r, Metric.KILLED, Group.ALL).qualifier(), "a hand-made #affected+…+qualifier");
        assertEquals(PlacePrecision.ADMIN1, r.place().precision());
    }

    /** The sample's header is the export's (the lookup module checks the whole file): names row and hashtag row. */
    @Test
    void theSampleHasTheExportColumns() {
        List<List<String>> s = sample();
        assertEquals(188, s.get(0).size());
        assertEquals(s.get(0).size(), s.get(1).size());
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < s.get(0).size(); i++) {
            tags.put(s.get(0).get(i), s.get(1).get(i));
        }
        assertEquals("#affected+idps+f+max", tags.get("displaced_women_high"));
        assertEquals("#indicator+num+places+changed", tags.get("territoryPlaces"));
        assertEquals("#meta+affected+idps+f+qualifier", tags.get("displaced_women_qualifier"));
        assertEquals("#loc+places+changed", tags.get("territoryPlaceNames"));
    }
}
