package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.conflictledger.domain.Actor;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.DatePrecision;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Figure;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Period;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.Side;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.SubEventType;
import org.conflictledger.domain.Territory;
import org.conflictledger.domain.access.Redactor;
import org.conflictledger.domain.imports.Deletion;
import org.conflictledger.domain.imports.Gazetteer;
import org.conflictledger.domain.imports.ImportContext;
import org.conflictledger.domain.imports.ImportFormat;
import org.conflictledger.domain.imports.ImportReader;
import org.conflictledger.domain.imports.ImportRow;
import org.conflictledger.domain.validation.ReportValidator;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 3: the CSV export (this module's {@link Exports}, as the search route renders it)
 * imports back as format hxl (docs/imports.md) into an equal report: every field of {@link Report}
 * but {@code externalId}, which the import sets to {@code hxl:<id>} (a server-owned choice).
 */
class ExportImportRoundTripTest {

    private static final Instant T = Instant.parse("2024-11-29T18:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T00:00:00Z"), ZoneOffset.UTC);

    private static StoredReport stored(String id, Status status, Report r) {
        return new StoredReport(id, 2, status, "editor-1", T, T.plusSeconds(60), null, r);
    }

    private static List<ImportRow> roundTrip(List<StoredReport> reports) throws Exception {
        byte[] csv = Exports.csv(reports).getBytes(StandardCharsets.UTF_8);
        List<ImportRow> rows = new ArrayList<>();
        try (ImportReader r = ImportReader.open(ImportFormat.HXL, new ByteArrayInputStream(csv),
                new ImportContext(null, Gazetteer.empty(), CLOCK))) {
            r.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** Each row is the report again (without its externalId), with the id of the original, and no warning. */
    private static void assertComesBackEqual(List<StoredReport> reports, String what) throws Exception {
        List<ImportRow> rows = roundTrip(reports);
        assertEquals(reports.size(), rows.size(), what);
        for (int i = 0; i < rows.size(); i++) {
            String which = what + ", report " + i + ": " + reports.get(i).report();
            assertEquals(List.of(), rows.get(i).errors(), which);
            assertEquals(List.of(), rows.get(i).warnings(), which);
            assertEquals("hxl:" + reports.get(i).id(), rows.get(i).externalId(), which);
            assertEquals(reports.get(i).report().withExternalId(null), rows.get(i).report(), which);
        }
    }

    private static Source source(String name) {
        return new Source(SourceKind.MONITOR, name, "https://example.org/a?b=1,2", T, false);
    }

    @Test
    void everyFieldTheExportCarriesComesBackEqual() throws Exception {
        List<Figure> figures = new ArrayList<>();
        long v = 100;
        for (Metric m : Metric.values()) {
            for (Group g : Group.values()) {
                boolean ranged = g == Group.ALL;
                figures.add(new Figure(m, g, v, ranged ? v - 10 : null, ranged ? v + 10 : null, Qualifier.EXACT, null));
                v = g == Group.ALL ? 50 : v;
            }
            v = 100;
        }
        Report incident = new Report(Scope.INCIDENT, null, new Source(SourceKind.NGO, "=cmd|' /C calc'!A0", null, T, true),
                new Period(LocalDate.of(2024, 11, 28), LocalDate.of(2024, 11, 28)), DatePrecision.DAY,
                new Place("SYR", "SY02", "SY0200", "SY020000", "حلب, \"الشيخ مقصود\" شمال", 36.2292, 37.1589, PlacePrecision.NEAR),
                EventType.EXPLOSIONS_REMOTE_VIOLENCE, SubEventType.AIR_DRONE_STRIKE, null,
                List.of(new Figure(Metric.KILLED, Group.ALL, 4L, Qualifier.EXACT, null),
                        new Figure(Metric.KILLED, Group.CIVILIANS, 4L, Qualifier.EXACT, null)),
                null, "غارة جوية.\r\n-سطر ثان", "ar", List.of("aleppo-2024", "air"), null);
        Report total = new Report(Scope.PERIOD_TOTAL, null, source("Syrian Observatory for Human Rights"),
                new Period(LocalDate.of(2024, 11, 27), LocalDate.of(2024, 11, 29)), DatePrecision.DAYS,
                new Place("SYR", "SY02", null, null, "Aleppo", null, null, PlacePrecision.ADMIN1),
                EventType.BATTLES, null, null, figures, null, "+255 killed", "en", null, null);
        Report territory = new Report(Scope.TERRITORY_CHANGE, null, source("ISW"),
                new Period(LocalDate.of(2024, 11, 27), LocalDate.of(2024, 11, 30)), null,
                new Place("SYR", null, null, null, null, null, null, PlacePrecision.COUNTRY),
                EventType.STRATEGIC_DEVELOPMENTS, SubEventType.NON_VIOLENT_TRANSFER_OF_TERRITORY, null, null,
                new Territory(50L, null, null, null, null), null, null, null, null);
        assertComesBackEqual(List.of(stored("01JA", Status.ACCEPTED, incident), stored("01JB", Status.RECEIVED, total),
                stored("01JC", Status.DISPUTED, territory)), "three scopes");
    }

    @Test
    void aRetractedReportRetractsItsCopy() throws Exception {
        Report r = new Report(Scope.INCIDENT, null, source("X"), new Period(LocalDate.of(2024, 11, 28),
                LocalDate.of(2024, 11, 28)), null, new Place("SYR", "SY02", null, null, null, null, null, PlacePrecision.ADMIN1),
                EventType.BATTLES, null, null, null, null, null, null, null, null);
        List<ImportRow> rows = roundTrip(List.of(stored("01JD", Status.RETRACTED, r)));
        assertEquals(new Deletion("hxl:01JD", T.plusSeconds(60)), rows.get(0).deletion());
    }

    /**
     * Every field at once, with the texts that CSV, lists and the spreadsheet guard could get wrong:
     * actors' types and sides, each figure's qualifier and text, incidentKey, territory's qualifier,
     * actors and places, tags and names holding ';', quotes and edge white space, coordinates.
     */
    static Report everyField() {
        return new Report(Scope.TERRITORY_CHANGE, "offensive-day-1; \"east\"", source("ISW"),
                new Period(LocalDate.of(2024, 11, 27), LocalDate.of(2024, 11, 30)), DatePrecision.DAY,
                new Place("SYR", "SY02", "SY0200", "SY020000", " Aleppo; east ", 36.2292, 37.1589, PlacePrecision.EXACT),
                EventType.BATTLES, SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY,
                List.of(new Actor("HTS", ActorType.REBEL_GROUP, Side.A), new Actor("SAA; \"4th Division\"", ActorType.STATE_FORCES,
                        Side.B), new Actor(" =Local militia", ActorType.IDENTITY_MILITIA, null)),
                List.of(new Figure(Metric.KILLED, Group.ALL, 255L, 240L, 270L, Qualifier.AT_LEAST, "\"at least 255\",\r\nkilled"),
                        new Figure(Metric.KILLED, Group.CIVILIANS, 27L, Qualifier.APPROX, "'=27 civilians"),
                        new Figure(Metric.DISPLACED, Group.WOMEN, 4000L, Qualifier.AT_MOST, "-up to 4,000 women\t"),
                        new Figure(Metric.MISSING, Group.UNKNOWN, 0L, Qualifier.EXACT, null)),
                new Territory(50L, Qualifier.AT_LEAST, "HTS", "@SAA", List.of("Khan al-Asal", "Kafr; Naha", " al-Rashidin 4 ")),
                "=Offensive, day 1.\n-second line ", "en", List.of("aleppo-2024", "a;b", "\"quoted\""), "acled:SYR123");
    }

    @Test
    void aReportUsingEveryFieldComesBackEqual() throws Exception {
        Report full = everyField();
        assertEquals(List.of(), new ReportValidator(CLOCK).validate(full), "the report is valid");
        assertComesBackEqual(List.of(stored("01JE", Status.ACCEPTED, full)), "every field");
    }

    /**
     * A thousand generated reports (seeded: a failure names its seed), each using any subset of the
     * fields with hostile texts, come back equal. Figures are generated in the export's column order
     * (metric, then group): the order in which they come back (docs/imports.md).
     */
    @Test
    void generatedReportsComeBackEqual() throws Exception {
        for (long seed = 1; seed <= 50; seed++) {
            ReportGenerator g = new ReportGenerator(seed, CLOCK);
            List<StoredReport> reports = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Report r = g.report();
                assertEquals(List.of(), new ReportValidator(CLOCK).validate(r), "seed " + seed + ": generated " + r);
                reports.add(stored("01G" + seed + "X" + i, g.status(), r));
            }
            assertComesBackEqual(reports, "seed " + seed);
        }
    }

    /**
     * Redaction (docs/api.md): the public's export differs from an editor's only in what the JSON
     * view redacts (protected source's name and URL, a point's coordinates, the submitter): the
     * added columns carry nothing more.
     */
    @Test
    void thePublicExportCarriesNothingTheRedactedViewHides() {
        Report full = everyField();
        full = full.withSource(new Source(SourceKind.WITNESS, "Witness in Aleppo", "https://example.org/w", T, true));
        StoredReport r = stored("01JF", Status.ACCEPTED, full);
        Map<String, String> editor = cells(Exports.csv(List.of(r)));
        Map<String, String> publicView = cells(Exports.csv(List.of(Redactor.redact(r))));
        Set<String> differ = new TreeSet<>();
        editor.forEach((k, v) -> {
            if (!v.equals(publicView.get(k))) {
                differ.add(k);
            }
        });
        assertEquals(new TreeSet<>(Set.of("sourceName", "sourceUrl", "lat", "lon", "submittedBy")), differ);
        for (String k : differ) {
            assertEquals("", publicView.get(k), k);
        }
        assertEquals(editor.keySet(), publicView.keySet());
    }

    private static Map<String, String> cells(String csv) {
        List<List<String>> rows = Csv.parse(csv);
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < rows.get(0).size(); i++) {
            out.put(rows.get(0).get(i), rows.get(2).get(i));
        }
        return out;
    }

    /** The reports of docs/samples/imports/hxl-export.csv (invented content). */
    static List<StoredReport> sampleReports() {
        Report strike = new Report(Scope.INCIDENT, "aleppo-2024-11-28-sheikh-maqsoud",
                new Source(SourceKind.NGO, "Syrian Network for Human Rights", "https://example.org/snhr/2024-11-28",
                        Instant.parse("2024-11-29T08:00:00Z"), false),
                new Period(LocalDate.of(2024, 11, 28), LocalDate.of(2024, 11, 28)), DatePrecision.DAY,
                new Place("SYR", "SY02", "SY0200", null, "حلب - الشيخ مقصود", 36.2292, 37.1589, PlacePrecision.NEAR),
                EventType.EXPLOSIONS_REMOTE_VIOLENCE, SubEventType.AIR_DRONE_STRIKE,
                List.of(new Actor("Military Forces of Russia (2000-)", ActorType.STATE_FORCES, Side.A),
                        new Actor("Civilians (Syria)", ActorType.CIVILIANS, Side.B)),
                List.of(new Figure(Metric.KILLED, Group.ALL, 4L, Qualifier.EXACT, null),
                        new Figure(Metric.KILLED, Group.CIVILIANS, 4L, Qualifier.EXACT, null),
                        new Figure(Metric.KILLED, Group.CHILDREN, 1L, Qualifier.EXACT, "طفل واحد"),
                        new Figure(Metric.INJURED, Group.ALL, 9L, Qualifier.AT_LEAST, "9 جرحى على الأقل")),
                null, "غارة جوية على حي الشيخ مقصود. (Invented sample row.)", "ar", List.of("aleppo-offensive-2024"), null);
        Report total = new Report(Scope.PERIOD_TOTAL, null,
                new Source(SourceKind.MONITOR, "Syrian Observatory for Human Rights", "https://example.org/article/123",
                        Instant.parse("2024-11-29T18:00:00Z"), false),
                new Period(LocalDate.of(2024, 11, 27), LocalDate.of(2024, 11, 29)), DatePrecision.DAY,
                new Place("SYR", "SY02", null, null, "Aleppo", null, null, PlacePrecision.ADMIN1),
                EventType.BATTLES, null,
                List.of(new Actor("Hayat Tahrir al-Sham", ActorType.REBEL_GROUP, Side.A),
                        new Actor("Military Forces of Syria (2000-2024)", ActorType.STATE_FORCES, Side.B)),
                List.of(new Figure(Metric.KILLED, Group.ALL, 255L, 240L, 270L, Qualifier.APPROX, "about 255 killed"),
                        new Figure(Metric.KILLED, Group.COMBATANTS, 230L, Qualifier.AT_LEAST, null),
                        new Figure(Metric.DISPLACED, Group.ALL, 14000L, Qualifier.AT_LEAST, "more than 14,000 displaced")),
                null, "=Offensive on Aleppo governorate, 27-29 November 2024, \"first\" figures. (Invented sample row.)",
                "en", List.of("aleppo-offensive-2024", "hts"), null);
        Report taken = new Report(Scope.TERRITORY_CHANGE, null,
                new Source(SourceKind.MONITOR, "Institute for the Study of War", "https://example.org/isw/2024-11-30",
                        Instant.parse("2024-11-30T20:00:00Z"), null),
                new Period(LocalDate.of(2024, 11, 29), LocalDate.of(2024, 11, 30)), DatePrecision.DAYS,
                new Place("SYR", "SY02", null, null, "Aleppo countryside", null, null, PlacePrecision.ADMIN1),
                EventType.BATTLES, SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY, null, null,
                new Territory(12L, Qualifier.AT_LEAST, "Hayat Tahrir al-Sham", "Military Forces of Syria (2000-2024)",
                        List.of("Khan al-Asal", "Kafr Naha; west", "Urum al-Kubra")),
                "Villages west of Aleppo change hands. (Invented sample row.)", "en", null, null);
        Report retracted = new Report(Scope.INCIDENT, null,
                new Source(SourceKind.MEDIA, "Example News", null, Instant.parse("2024-11-28T12:00:00Z"), false),
                new Period(LocalDate.of(2024, 11, 28), LocalDate.of(2024, 11, 28)), DatePrecision.DAY,
                new Place("SYR", "SY02", null, null, "Aleppo", null, null, PlacePrecision.ADMIN1),
                EventType.BATTLES, SubEventType.ARMED_CLASH, null,
                List.of(new Figure(Metric.KILLED, Group.ALL, 3L, Qualifier.EXACT, null)),
                null, "Retracted: a duplicate. (Invented sample row.)", "en", null, null);
        return List.of(
                new StoredReport("01JDXK7Q5M8V2N3P4R5S6T7U8V", 1, Status.ACCEPTED, "monitor-1",
                        Instant.parse("2024-11-29T09:00:00Z"), Instant.parse("2024-11-29T09:00:00Z"), null, strike),
                new StoredReport("01JDXM0A1B2C3D4E5F6G7H8J9K", 2, Status.RECEIVED, "monitor-2",
                        Instant.parse("2024-11-29T19:00:00Z"), Instant.parse("2024-11-30T07:00:00Z"), null, total),
                new StoredReport("01JDXP3H4J5K6M7N8P9Q0R1S2T", 1, Status.ACCEPTED, "monitor-2",
                        Instant.parse("2024-11-30T21:00:00Z"), Instant.parse("2024-11-30T21:00:00Z"), null, taken),
                new StoredReport("01JDXN5Z9Y8X7W6V5T4S3R2Q1P", 2, Status.RETRACTED, "monitor-1",
                        Instant.parse("2024-11-28T13:00:00Z"), Instant.parse("2024-11-28T15:00:00Z"), null, retracted));
    }

    /**
     * docs/samples/imports/hxl-export.csv (read by the import tests and `make import`) is exactly
     * the export of {@link #sampleReports}; {@code -Dsamples.write=true} writes it anew after a change
     * of the columns.
     */
    @Test
    void theDocsSampleIsTheExportOfItsReports() throws Exception {
        Path sample = samples().resolve("hxl-export.csv");
        String csv = Exports.csv(sampleReports());
        if (Boolean.getBoolean("samples.write")) {
            Files.writeString(sample, csv, StandardCharsets.UTF_8);
        }
        assertEquals(csv, Files.readString(sample, StandardCharsets.UTF_8));
        assertComesBackEqual(sampleReports().subList(0, 3), "the sample");
    }

    private static Path samples() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs/samples/imports"))) {
                return p.resolve("docs/samples/imports");
            }
        }
        throw new IOException("docs/samples/imports not found above " + Path.of("").toAbsolutePath());
    }
}
