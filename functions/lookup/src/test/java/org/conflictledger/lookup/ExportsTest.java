package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class ExportsTest extends LookupTestBase {

    static LambdaEvents.Reply export(String accept, String query, String... who) {
        var b = get("/v1/reports", query).header("Accept", accept);
        if (who.length > 0) {
            b.as(who[0], who[1]);
        }
        return b.send();
    }

    static List<Map<String, String>> records(String csv) {
        List<List<String>> rows = Csv.parse(csv);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> row : rows.subList(2, rows.size())) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < row.size(); i++) {
                m.put(rows.get(0).get(i), row.get(i));
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Issue 12 item 11: the HXL row validates against HXL's core schema: every hashtag is in the
     * dictionary and every value fits its hashtag's data type (a precision code is #meta, not #date).
     */
    @Test
    void everyHashtagIsValidHxlForItsValues() {
        var r = export("text/csv", "country=SYR&limit=500", "ed", "editor");
        assertEquals(200, r.status(), r.body());
        List<List<String>> rows = Csv.parse(r.body());
        assertTrue(rows.size() > 5, "reports to check: " + rows.size());
        List<String> problems = new ArrayList<>();
        for (int c = 0; c < rows.get(0).size(); c++) {
            int column = c;
            problems.addAll(HxlCoreSchema.problems(rows.get(0).get(c), rows.get(1).get(c),
                    rows.subList(2, rows.size()).stream().map(row -> row.get(column)).toList()));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void csvHasNamesThenHxlThenOneRowPerReport() {
        var r = export("text/csv", window("admin1=SY02"), "ed", "editor");
        assertEquals(200, r.status(), r.body());
        assertEquals("text/csv; charset=utf-8; header=present", r.header("content-type").replace(";charset", "; charset"));
        List<List<String>> rows = Csv.parse(r.body());
        List<String> names = rows.get(0);
        List<String> hxl = rows.get(1);
        assertEquals(names.size(), hxl.size());
        Map<String, String> tag = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            assertTrue(hxl.get(i).startsWith("#"), names.get(i) + " -> " + hxl.get(i));
            tag.put(names.get(i), hxl.get(i));
        }
        assertEquals("#date+start", tag.get("periodStart"));
        assertEquals("#date+end", tag.get("periodEnd"));
        assertEquals("#adm1+code", tag.get("admin1"));
        assertEquals("#affected+killed", tag.get("killed_all"));
        assertEquals("#affected+killed+children", tag.get("killed_children"));
        assertEquals("#affected+idps", tag.get("displaced_all"));
        assertEquals("#meta+source", tag.get("sourceName"));
        assertEquals(new HashSet<>(hxl).size(), hxl.size(), "one column per hashtag");

        List<Map<String, String>> rec = records(r.body());
        assertEquals(Fixtures.ALEPPO_WINDOW, rec.stream().map(m -> m.get("id")).toList());
        Map<String, String> a = rec.get(4);
        assertEquals(Fixtures.A, a.get("id"));
        assertEquals("غارة جوية على حي سكني، \"مقتل\" 12 مدنياً", a.get("summary"), "commas, quotes and Arabic survive");
        assertEquals("شاهد عيان", a.get("sourceName"));
        assertEquals("12", a.get("killed_all"));
        assertEquals("4", a.get("killed_children"));
        assertEquals("", a.get("killed_civilians"));
        assertEquals("36.2021", a.get("lat"));
        assertEquals("37.1343", a.get("lon"));
        assertEquals("2024-11-28", a.get("periodStart"));
        assertEquals("SY0200", a.get("admin2"));
        assertEquals("accepted", a.get("status"));
        Map<String, String> e = rec.get(0);
        assertEquals("14000", e.get("displaced_all"));
        assertEquals("At least 27 civilians, \"credible reports\"", rec.get(1).get("summary"));
        assertEquals("'=SUM(A1) protest against shelling", rec.get(3).get("summary"),
                "a formula-like text is neutralised for spreadsheets");
    }

    @Test
    void csvPagesCarryTheCursorInAHeader() {
        var first = export("text/csv", window("admin1=SY02") + "&limit=4");
        assertEquals(4, records(first.body()).size());
        String cursor = first.header("x-next-cursor");
        assertTrue(cursor != null && !cursor.isEmpty());
        var second = export("text/csv", window("admin1=SY02") + "&limit=4&cursor=" + cursor);
        assertEquals(List.of(Fixtures.A, Fixtures.D, Fixtures.K), records(second.body()).stream().map(m -> m.get("id")).toList());
        assertNull(second.header("x-next-cursor"));
        // The cursor is the same as the JSON route's: formats may be mixed during a walk.
        var json = get("/v1/reports", window("admin1=SY02") + "&limit=4&cursor=" + cursor).send();
        assertEquals(List.of(Fixtures.A, Fixtures.D, Fixtures.K), ids(json));
    }

    @Test
    void emptyCsvStillHasItsTwoHeaderRows() {
        var r = export("text/csv", "country=SYR&from=2020-01-01&to=2020-01-31");
        assertEquals(2, Csv.parse(r.body()).size());
    }

    @Test
    void geoJsonIsAnRfc7946FeatureCollection() {
        var r = export("application/geo+json", window("admin1=SY02"), "an", "analyst");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("content-type").startsWith("application/geo+json"));
        JsonNode fc = r.json();
        assertEquals("FeatureCollection", fc.get("type").asText());
        List<String> ids = new ArrayList<>();
        for (JsonNode f : fc.get("features")) {
            assertEquals("Feature", f.get("type").asText());
            assertEquals("Point", f.at("/geometry/type").asText());
            ids.add(f.get("id").asText());
        }
        assertEquals(List.of(Fixtures.F, Fixtures.A, Fixtures.D, Fixtures.K), ids, "page order, points only");
        JsonNode a = fc.get("features").get(1);
        assertEquals(37.1343, a.at("/geometry/coordinates/0").asDouble(), "longitude first");
        assertEquals(36.2021, a.at("/geometry/coordinates/1").asDouble());
        assertEquals(2, a.at("/geometry/coordinates").size());
        assertEquals("exact", a.at("/properties/place/precision").asText());
        assertEquals("حلب", a.at("/properties/place/name").asText());
        assertEquals("air_drone_strike", a.at("/properties/subEventType").asText());
    }

    @Test
    void acceptNegotiation() {
        assertTrue(export("*/*", window("admin1=SY02")).header("content-type").startsWith("application/json"));
        assertTrue(export("text/*", window("admin1=SY02")).header("content-type").startsWith("text/csv"));
        assertTrue(export("application/geo+json, application/json;q=0.5", window("admin1=SY02"))
                .header("content-type").startsWith("application/geo+json"));
        String type = export("text/csv;q=0.2, application/json", window("admin1=SY02")).header("content-type");
        assertTrue(type.startsWith("application/json"), type);
        assertProblem(export("application/xml", window("admin1=SY02")), 406);
        assertProblem(export("text/html", window("admin1=SY02")), 406);
        assertProblem(export("text/csv;q=0", window("admin1=SY02")), 406);
        requests.reset();
        assertProblem(export("image/png", window("admin1=SY02")), 406);
        assertEquals(0, requests.total(), "a 406 reads nothing");
    }
}
