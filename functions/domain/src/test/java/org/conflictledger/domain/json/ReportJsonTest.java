package org.conflictledger.domain.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.fixtures.SampleReports;
import org.conflictledger.domain.validation.ReportValidator;
import org.junit.jupiter.api.Test;

/** The flat stored form: server-owned fields plus the report's, nulls omitted, Unicode untouched. */
class ReportJsonTest {

    private final ReportReader reader = new ReportReader(new ReportValidator(SampleReports.clock()));

    private static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    void writeIsFlatWithServerOwnedFieldsAndNoNulls() throws Exception {
        StoredReport s = SampleReports.stored("user-1");
        JsonNode n = tree(ReportJson.write(s));
        assertEquals("01JDXK3Y6R0000000000000000", n.get("id").asText());
        assertEquals(1, n.get("revision").asInt());
        assertEquals("received", n.get("status").asText());
        assertEquals("user-1", n.get("submittedBy").asText());
        assertEquals("2024-12-01T12:00:00Z", n.get("receivedAt").asText());
        assertEquals("2024-12-01T12:00:00Z", n.get("updatedAt").asText());
        assertFalse(n.has("statusNote"));
        assertEquals("period_total", n.get("scope").asText());
        assertEquals("2024-11-27", n.at("/period/start").asText());
        assertEquals("2024-11-29T18:00:00Z", n.at("/source/publishedAt").asText());
        assertEquals(255, n.at("/figures/0/value").asLong());
        assertFalse(ReportJson.write(s).contains("null"), "nulls are omitted");
        assertFalse(n.has("incidentKey") || n.has("territory") || n.get("place").has("admin2")
                || n.get("place").has("lat") || n.get("place").has("lon"));
    }

    @Test
    void writeHasExactlyTheContractsFields() throws Exception {
        JsonNode n = tree(ReportJson.write(SampleReports.stored("user-1")));
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("id", "revision", "status", "submittedBy", "receivedAt", "updatedAt", "scope", "source",
                "period", "datePrecision", "place", "eventType", "subEventType", "actors", "figures", "summary",
                "language", "tags"), names);
        List<String> place = new ArrayList<>();
        n.get("place").fieldNames().forEachRemaining(place::add);
        assertEquals(List.of("country", "admin1", "name", "precision"), place, "no derived fields such as 'point'");
        List<String> source = new ArrayList<>();
        n.get("source").fieldNames().forEachRemaining(source::add);
        assertEquals(List.of("kind", "name", "url", "publishedAt", "protected"), source);
    }

    @Test
    void nullProtectedIsOmittedNotWrittenAsFalse() throws Exception {
        Report r = SampleReports.valid();
        var s = r.source();
        r = r.withSource(new Source(s.kind(), s.name(), s.url(), s.publishedAt(), null));
        JsonNode n = tree(ReportJson.write(SampleReports.stored(r, "u")));
        assertFalse(n.get("source").has("protected"));
    }

    @Test
    void writeThenReadGivesTheSameStoredReport() {
        StoredReport s = SampleReports.stored("user-1");
        assertEquals(s, ReportJson.read(ReportJson.write(s)));
    }

    @Test
    void roundTripKeepsStatusNoteAndAbsentSubmitter() {
        StoredReport s = new StoredReport("01JDXK3Y6R0000000000000001", 3, Status.DISPUTED, null,
                Instant.parse("2024-11-30T01:02:03.456Z"), Instant.parse("2024-12-01T00:00:00Z"),
                "figures contradict the UN's", SampleReports.valid());
        StoredReport back = ReportJson.read(ReportJson.write(s));
        assertEquals(s, back);
        assertEquals("figures contradict the UN's", back.statusNote());
    }

    @Test
    void roundTripWithEveryFieldSet() {
        ObjectNode t = SampleReports.validTree();
        t.put("scope", "territory_change").put("incidentKey", "aleppo-2024-11-29");
        ((ObjectNode) t.get("place")).put("admin2", "SY0200").put("admin3", "SY020000").put("lat", 36.2021)
                .put("lon", 37.1343).put("precision", "exact");
        ObjectNode terr = t.putObject("territory");
        terr.put("placesCount", 50).put("qualifier", "at_least").put("toActor", "HTS").put("fromActor", "SAA");
        terr.putArray("places").add("Khan al-Asal").add("خان العسل");
        Report r = reader.read(SampleReports.bytes(t));
        StoredReport s = SampleReports.stored(r, "user-1");
        assertEquals(s, ReportJson.read(ReportJson.write(s)));
    }

    @Test
    void aFiguresRangeRoundTripsByteForByte() throws Exception {
        ObjectNode t = SampleReports.validTree();
        ((ObjectNode) t.get("figures").get(0)).put("low", 230).put("high", 300);
        StoredReport s = SampleReports.stored(reader.read(SampleReports.bytes(t)), "user-1");
        String written = ReportJson.write(s);
        assertEquals(230, tree(written).at("/figures/0/low").asLong());
        assertEquals(300, tree(written).at("/figures/0/high").asLong());
        assertEquals(s, ReportJson.read(written));
        assertEquals(written, ReportJson.write(ReportJson.read(written)));
        List<String> names = new ArrayList<>();
        tree(written).at("/figures/0").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("metric", "group", "value", "low", "high", "qualifier", "text"), names);
    }

    /** Arabic, Sorani and Kurmanji Kurdish, emoji (with ZWJ and flags), combining marks, bidi marks. */
    private static final List<String> TEXTS = List.of(
            "المرصد السوري لحقوق الإنسان",
            "قُتِلَ ٢٥٥ شخصاً في حَلَب",
            "کوردستانی عێراق، ڕۆژئاوا",
            "Kurdistanê; şer û aştî; êrîş",
            "\uD83D\uDE22\uD83D\uDD25 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uD83C\uDDF8\uD83C\uDDFE",
            "e\u0301 vs \u00e9 (NFD and NFC stay as sent)",
            "\u200Fحلب\u200E Aleppo \uFEFF",
            "ﬁ ligature, Ｆｕｌｌｗｉｄｔｈ, ①, \u00A0nbsp");

    @Test
    void unicodeRoundTripsByteForByte() throws Exception {
        ObjectNode t = SampleReports.validTree();
        t.put("summary", String.join("\n", TEXTS));
        ((ObjectNode) t.get("source")).put("name", TEXTS.get(0));
        ((ObjectNode) t.get("place")).put("name", "حلب");
        ((ObjectNode) t.get("actors").get(0)).put("name", TEXTS.get(2));
        ((ObjectNode) t.get("figures").get(0)).put("text", TEXTS.get(1));
        ArrayNode tags = t.putArray("tags");
        for (String s : TEXTS) {
            tags.add(s.length() > 60 ? s.substring(0, s.offsetByCodePoints(0, 20)) : s);
        }
        t.put("language", "ar");
        // the request as a client sends it: raw UTF-8, not \\u escapes
        String body = Json.mapper().writeValueAsString(t);
        assertTrue(body.contains("المرصد") && body.contains("\uD83D\uDE22"));
        byte[] requestBytes = body.getBytes(StandardCharsets.UTF_8);

        Report in = reader.read(requestBytes);
        String stored = ReportJson.write(SampleReports.stored(in, "u"));
        Report out = ReportJson.read(stored).report();
        assertEquals(in, out);

        // every text field is byte-identical to what was sent
        assertBytes(String.join("\n", TEXTS), out.summary());
        assertBytes(TEXTS.get(0), out.source().name());
        assertBytes("حلب", out.place().name());
        assertBytes(TEXTS.get(2), out.actors().get(0).name());
        assertBytes(TEXTS.get(1), out.figures().get(0).text());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertBytes(tags.get(i).asText(), out.tags().get(i));
        }
        // and the stored JSON carries the text raw, as UTF-8, not escaped or normalised
        byte[] storedBytes = stored.getBytes(StandardCharsets.UTF_8);
        assertTrue(indexOf(storedBytes, TEXTS.get(0).getBytes(StandardCharsets.UTF_8)) >= 0);
        assertTrue(indexOf(storedBytes, "e\u0301 vs \u00e9".getBytes(StandardCharsets.UTF_8)) >= 0);
        // the request's summary bytes appear unchanged in the stored form (JSON-escaped line breaks aside)
        JsonNode reread = Json.mapper().readTree(storedBytes);
        assertArrayEquals(t.get("summary").asText().getBytes(StandardCharsets.UTF_8),
                reread.get("summary").asText().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void escapedUnicodeInTheRequestIsStoredAsTheSameCharacters() {
        String body = SampleReports.VALID_JSON.replace("\"Aleppo\"", "\"\\u062d\\u0644\\u0628 \\ud83d\\ude22\"");
        Report in = reader.read(body.getBytes(StandardCharsets.UTF_8));
        Report out = ReportJson.read(ReportJson.write(SampleReports.stored(in, "u"))).report();
        assertBytes("حلب \uD83D\uDE22", out.place().name());
    }

    private static void assertBytes(String expected, String actual) {
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8),
                () -> "expected <" + expected + "> but was <" + actual + ">");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
