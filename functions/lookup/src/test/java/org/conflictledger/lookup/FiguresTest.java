package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.conflictledger.aggregate.Aggregator;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.store.AggregationStore;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/**
 * The figures routes on the late-November 2024 Aleppo data: reports written as the submit
 * function writes them, one aggregation run as the aggregate function runs it, figures read
 * through this function's handler.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class FiguresTest extends LookupTestBase {

    static final String WINDOW = "country=SYR&admin1=SY02&from=2024-11-27&to=2024-11-29";
    final List<String> ids = new ArrayList<>();
    int n;

    @Override
    boolean seeds() {
        return false;
    }

    static String report(String scope, String kind, String name, String published, String start, String end,
                         String admin2, String key, String figures, String extra) {
        return """
            {"scope": "%s", %s "source": {"kind": "%s", "name": "%s", "publishedAt": "%s"},
             "period": {"start": "%s", "end": "%s"},
             "place": {"country": "SYR", "admin1": "SY02", %s "name": "Aleppo", "precision": "%s"},
             "eventType": "battles", "figures": [%s] %s}
            """.formatted(scope, key == null ? "" : "\"incidentKey\": \"" + key + "\",", kind, name, published, start, end,
                admin2 == null ? "" : "\"admin2\": \"" + admin2 + "\",", admin2 == null ? "admin1" : "admin2", figures,
                extra == null ? "" : ", " + extra);
    }

    static String fig(String metric, String group, long value, String qualifier) {
        return "{\"metric\": \"%s\", \"group\": \"%s\", \"value\": %d, \"qualifier\": \"%s\"}".formatted(metric, group, value, qualifier);
    }

    StoredReport add(String json) {
        var r = new ReportReader(new ReportValidator(Clock.systemUTC())).read(json.getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var s = new StoredReport(String.format("01JDRZ5V7N3P2Q8R4S6T8V%04d", ++n), 1, Status.RECEIVED, "rep-1", now, now, null, r);
        store.create(s, null);
        ids.add(s.id());
        return s;
    }

    void aleppo() {
        add(report("period_total", "monitor", "SOHR", "2024-11-28T19:00:00Z", "2024-11-27", "2024-11-28", null, null,
                fig("killed", "all", 182, "exact"), null));
        add(report("period_total", "monitor", "SOHR", "2024-11-29T18:00:00Z", "2024-11-27", "2024-11-29", null, null,
                fig("killed", "all", 255, "exact") + "," + fig("killed", "combatants", 211, "exact") + ","
                        + fig("killed", "civilians", 24, "exact"), null));
        add(report("period_total", "un_agency", "OHCHR", "2024-11-30T10:00:00Z", "2024-11-27", "2024-11-29", null, null,
                fig("killed", "civilians", 27, "at_least"), null));
        add(report("incident", "monitor", "SNHR", "2024-11-28T22:00:00Z", "2024-11-28", "2024-11-28", "SY0203", "atarib",
                fig("killed", "civilians", 7, "exact"), null));
        add(report("incident", "witness", "Local witness", "2024-11-28T15:00:00Z", "2024-11-28", "2024-11-28", "SY0203", "atarib",
                fig("killed", "civilians", 5, "exact") + "," + fig("injured", "civilians", 12, "exact"), null));
        add(report("incident", "monitor", "SNHR", "2024-11-29T21:00:00Z", "2024-11-29", "2024-11-29", "SY0200", null,
                fig("killed", "civilians", 6, "exact"), null));
        add(report("incident", "media", "Enab Baladi", "2024-11-29T20:00:00Z", "2024-11-29", "2024-11-29", "SY0200", null,
                fig("killed", "civilians", 4, "exact") + "," + fig("killed", "all", 4, "exact"), null));
        add(report("stock", "un_agency", "OCHA", "2024-11-28T12:00:00Z", "2024-11-28", "2024-11-28", null, null,
                fig("displaced", "all", 8000, "approx"), null));
        add(report("stock", "un_agency", "OCHA", "2024-11-29T16:00:00Z", "2024-11-29", "2024-11-29", null, null,
                fig("displaced", "all", 14000, "at_least") + "," + fig("displaced", "children", 6800, "approx"), null));
        add(report("stock", "un_agency", "IOM DTM", "2024-11-29T19:00:00Z", "2024-11-29", "2024-11-29", null, null,
                fig("displaced", "all", 15200, "exact"), null));
        add(report("territory_change", "monitor", "SOHR", "2024-11-29T18:30:00Z", "2024-11-27", "2024-11-29", null, null, "",
                "\"territory\": {\"placesCount\": 50, \"qualifier\": \"at_least\", \"toActor\": \"HTS\","
                        + " \"places\": [\"Khan al-Asal\", \"Urum al-Kubra\", \"Anjara\"]}"));
        add(report("territory_change", "media", "Enab Baladi", "2024-11-29T12:00:00Z", "2024-11-28", "2024-11-29", null, null, "",
                "\"territory\": {\"placesCount\": 45, \"qualifier\": \"approx\", \"toActor\": \"HTS\"}"));
    }

    Aggregator.Summary aggregate() {
        return new Aggregator(new AggregationStore(db, MotoResource.TABLE), Clock.systemUTC())
                .run(Instant.now().plusSeconds(60));
    }

    static Map<String, JsonNode> byKey(JsonNode figures) {
        Map<String, JsonNode> out = new HashMap<>();
        figures.forEach(f -> out.put(f.get("metric").asText() + "/" + f.get("group").asText(), f));
        return out;
    }

    static String range(JsonNode f) {
        return f.get("low").asLong() + "/" + f.get("best").asLong() + "/" + f.get("high").asLong() + " " + f.get("basis").asText();
    }

    @Test
    void theAleppoFiguresFollowReconciliationMd() {
        aleppo();
        aggregate();
        requests.reset();
        var r = get("/v1/figures", WINDOW).send();
        assertEquals(200, r.status(), r.body());
        // The stored daily figures, the area's other reports, the pending markers: three Queries.
        assertEquals(Map.of("Query", 3L), requests.snapshot());
        JsonNode body = r.json();
        assertEquals("SYR", body.at("/area/country").asText());
        assertEquals("SY02", body.at("/area/admin1").asText());
        assertEquals("2024-11-27", body.get("from").asText());
        var f = byKey(body.get("figures"));
        // A monitor's later cumulative total supersedes its earlier one and floors the incidents.
        assertEquals("255/255/255 period_total", range(f.get("killed/all")));
        // Two civilian totals (24 and at least 27) against 9..13 from two incidents.
        assertEquals("24/24/27 period_total", range(f.get("killed/civilians")));
        assertEquals("211/211/211 period_total", range(f.get("killed/combatants")));
        assertEquals("12/12/12 incidents", range(f.get("injured/civilians")));
        // Displacement is a stock: OCHA's latest count and IOM's, never summed over days.
        assertEquals("14000/14000/15200 stock", range(f.get("displaced/all")));
        assertTrue(f.get("displaced/all").get("atLeast").asBoolean());
        assertEquals("2024-11-29", f.get("displaced/all").get("asOfDate").asText());
        assertEquals(2, f.get("displaced/all").get("sources").asInt());
        assertEquals("[\"" + ids.get(8) + "\",\"" + ids.get(9) + "\"]", f.get("displaced/all").get("reports").toString());
        assertEquals("12/12/12 groups", range(f.get("injured/all")), "no report gave injured/all: the partition sum");
        for (JsonNode x : body.get("figures")) {
            assertFalse(x.get("reports").isEmpty(), x.toString());
            x.get("reports").forEach(id -> assertTrue(ids.contains(id.asText()), id.asText()));
        }
        JsonNode t = body.get("territory");
        assertEquals("45/45/50", t.at("/placesChanged/low").asLong() + "/" + t.at("/placesChanged/best").asLong()
                + "/" + t.at("/placesChanged/high").asLong());
        assertEquals(2, t.get("sources").asInt());
        assertEquals(3, t.get("places").size());
        // docs/api.md: each place with the actor that took it and the day (that report's period end)
        assertEquals("{\"name\":\"Anjara\",\"toActor\":\"HTS\",\"date\":\"2024-11-29\"}", t.get("places").get(0).toString());
        assertEquals(0, body.get("pending").asInt());
        assertNotNull(Instant.parse(body.get("asOf").asText()));
    }

    @Test
    void filtersAndTheDailyRoute() {
        aleppo();
        aggregate();
        var one = get("/v1/figures", WINDOW + "&metric=killed&group=civilians").send();
        assertEquals(1, one.json().get("figures").size(), one.body());
        var daily = get("/v1/figures/daily", "country=SYR&admin1=SY02&admin2=SY0200&from=2024-11-01&to=2024-11-30").send();
        assertEquals(200, daily.status(), daily.body());
        JsonNode days = daily.json().get("days");
        assertEquals(1, days.size(), daily.body());
        assertEquals("2024-11-29", days.get(0).get("date").asText());
        assertEquals("4/4/6 incidents", range(byKey(days.get(0).get("figures")).get("killed/civilians")));
        assertEquals("SY0200", daily.json().at("/area/admin2").asText());
    }

    @Test
    void pendingCountsWhatTheNextRunWillInclude() {
        aleppo();
        var before = get("/v1/figures", WINDOW).send().json();
        assertEquals(4, before.get("pending").asInt(), "four incident reports await the first run");
        assertTrue(before.get("asOf").isNull());
        aggregate();
        add(report("incident", "media", "Halab Today", "2024-11-29T23:00:00Z", "2024-11-29", "2024-11-29", "SY0200", null,
                fig("killed", "civilians", 9, "exact"), null));
        var after = get("/v1/figures", WINDOW).send().json();
        assertEquals(1, after.get("pending").asInt());
        assertEquals("24/24/27 period_total", range(byKey(after.get("figures")).get("killed/civilians")),
                "figures change only when the aggregation runs");
        aggregate();
        var rerun = get("/v1/figures/daily", WINDOW + "&metric=killed&group=civilians").send().json();
        assertEquals(0, rerun.get("pending").asInt());
        assertEquals("4/6/9 incidents", range(rerun.at("/days/1/figures/0")), rerun.toString());
    }

    @Test
    void everyRoleSeesTheSameFigures() {
        aleppo();
        aggregate();
        String pub = get("/v1/figures", WINDOW).send().json().get("figures").toString();
        assertEquals(pub, get("/v1/figures", WINDOW).as("an", "analyst").send().json().get("figures").toString());
        assertEquals(pub, get("/v1/figures", WINDOW).as("rep-9", "reporter").send().json().get("figures").toString());
        assertFalse(pub.contains("Local witness") || pub.contains("rep-1"), "no source names, no submitters");
    }

    static String ranged(String metric, String group, long low, long value, long high) {
        return "{\"metric\": \"%s\", \"group\": \"%s\", \"value\": %d, \"low\": %d, \"high\": %d, \"qualifier\": \"exact\"}"
                .formatted(metric, group, value, low, high);
    }

    /** UCDP-like period total with its own range, as make demo submits it (docs/figures.md). */
    static String ucdp() {
        return report("period_total", "monitor", "UCDP GED", "2024-11-30T12:00:00Z", "2024-11-27", "2024-11-29", null, null,
                ranged("killed", "all", 240, 262, 300), null);
    }

    @Test
    void aSourcesOwnRangeWidensTheFigure() {
        aleppo();
        add(ucdp());
        aggregate();
        var f = byKey(get("/v1/figures", WINDOW).send().json().get("figures"));
        // SOHR's 255 and UCDP's 240..300 (best 262): min of lows, lower median of bests, max of highs;
        // the low stays above SOHR's civilians + combatants (24 + 211 = 235), the groups floor
        assertEquals("240/255/300 period_total", range(f.get("killed/all")));
        assertTrue(f.get("killed/all").get("reports").toString().contains(ids.get(ids.size() - 1)));
    }

    /** The worked example of docs/figures.md, submitted as reports, aggregated, read through the handler. */
    @Test
    void theWorkedExampleGives130_135_140() {
        String[][] incidents = {
            {"2024-11-27", "SY0200", "10"}, {"2024-11-28", "SY0200", "15"}, {"2024-11-28", "SY0201", "5"},
            {"2024-11-29", "SY0200", "10"}, {"2024-11-29", "SY0201", "5"}, {"2024-11-29", null, "15"},
            {"2024-11-30", "SY0202", "40"}};
        for (int i = 0; i < incidents.length; i++) {
            String[] x = incidents[i];
            add(report("incident", "witness", "Witness " + i, "2024-11-30T20:00:00Z", x[0], x[0], x[1], null,
                    fig("killed", "all", Long.parseLong(x[2]), "exact"), null));
        }
        String[][] totals = {
            {"M", "2024-11-27T20:00:00Z", "2024-11-27", "2024-11-27", null, "15"},
            {"M", "2024-11-28T20:00:00Z", "2024-11-28", "2024-11-28", null, "18"},
            {"M", "2024-11-29T20:00:00Z", "2024-11-29", "2024-11-29", null, "35"},
            {"M", "2024-11-29T21:00:00Z", "2024-11-27", "2024-11-29", null, "90"},
            {"N", "2024-11-30T10:00:00Z", "2024-11-27", "2024-11-28", null, "70"},
            {"N", "2024-11-30T10:00:00Z", "2024-11-28", "2024-11-29", null, "60"},
            {"O", "2024-11-30T10:00:00Z", "2024-11-27", "2024-11-30", "SY0200", "50"},
            {"O", "2024-11-30T10:00:00Z", "2024-11-27", "2024-11-30", "SY0201", "30"}};
        for (String[] t : totals) {
            add(report("period_total", "monitor", "Monitor " + t[0], t[1], t[2], t[3], t[4], null,
                    fig("killed", "all", Long.parseLong(t[5]), "exact"), null));
        }
        aggregate();
        requests.reset();
        var r = get("/v1/figures", "country=SYR&admin1=SY02&from=2024-11-27&to=2024-11-30&metric=killed&group=all").send();
        assertEquals(200, r.status(), r.body());
        JsonNode f = r.json().get("figures").get(0);
        assertEquals("130/135/140 period_total", range(f));
        assertEquals(incidents.length + 3, f.get("sources").asInt());
        // the incidents, M's "since the 27th", N's 27..28, both of O's districts; set-aside totals are not listed
        List<String> expected = new ArrayList<>(ids.subList(0, incidents.length));
        expected.addAll(List.of(ids.get(10), ids.get(11), ids.get(13), ids.get(14)));
        expected.sort(null);
        List<String> got = new ArrayList<>();
        f.get("reports").forEach(x -> got.add(x.asText()));
        assertEquals(expected, got);
        // the area's days (their heads carry the districts' numbers, so O's two districts cost nothing
        // more: docs/lookup.md "Figures"), its other reports, pending markers
        assertEquals(Map.of("Query", 3L), requests.snapshot());
    }

    /** A figure's range is stored and returned as sent, to the public too, and in both exports. */
    @Test
    void aFiguresRangeRoundTripsThroughEveryView() {
        String figure = ranged("killed", "all", 230, 262, 300);
        StoredReport s = add(report("period_total", "monitor", "UCDP GED", "2024-11-30T12:00:00Z", "2024-11-27",
                "2024-11-29", "SY0200", null, figure, null).replace("\"precision\": \"admin2\"",
                "\"lat\": 36.2, \"lon\": 37.15, \"precision\": \"exact\""));
        var pub = get("/v1/reports/" + s.id(), null).send();
        assertEquals(200, pub.status(), pub.body());
        assertEquals(figure.replace(" ", ""), pub.json().at("/figures/0").toString());
        var geo = get("/v1/reports", WINDOW).header("Accept", "application/geo+json").as("an", "analyst").send();
        assertEquals(figure.replace(" ", ""), geo.json().at("/features/0/properties/figures/0").toString());
        var csv = Csv.parse(get("/v1/reports", WINDOW).header("Accept", "text/csv").send().body());
        int low = csv.get(0).indexOf("killed_all_low");
        int high = csv.get(0).indexOf("killed_all_high");
        assertEquals("#affected+killed+min", csv.get(1).get(low));
        assertEquals("#affected+killed+max", csv.get(1).get(high));
        assertEquals(List.of("230", "262", "300"),
                List.of(csv.get(2).get(low), csv.get(2).get(csv.get(0).indexOf("killed_all")), csv.get(2).get(high)));
    }

    @Test
    void badQueriesAre400AndReadNothing() {
        for (String q : List.of("from=2024-11-27&to=2024-11-29", "country=SYR&from=2024-11-29&to=2024-11-27",
                "country=SYR&from=2023-11-27&to=2024-11-29", "country=SYR&from=2024-11-27",
                "country=syr&from=2024-11-27&to=2024-11-29", "country=SYR&admin2=SY0200&from=2024-11-27&to=2024-11-29",
                "country=SYR&from=2024-11-27&to=2024-11-29&metric=wounded", "country=SYR&from=2024-11-27&to=2024-11-29&x=1",
                "country=SYR&from=2024-02-30&to=2024-11-29", "country=SYR&country=IRQ&from=2024-11-27&to=2024-11-29")) {
            assertProblem(get("/v1/figures", q).send(), 400);
            assertProblem(get("/v1/figures/daily", q).send(), 400);
        }
        assertEquals(Map.of(), requests.snapshot());
        assertEquals(200, get("/v1/figures", "country=SYR&from=2023-11-29&to=2024-11-28").send().status(), "366 days");
    }
}
