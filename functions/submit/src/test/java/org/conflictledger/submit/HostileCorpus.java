package org.conflictledger.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.conflictledger.domain.json.Json;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.Samples;

/**
 * Hostile requests against the submit routes, generated from valid bodies and written by hand.
 * Every case must end in a 4xx problem document (or, for a batch whose envelope is fine, a 200
 * whose every item is a 4xx) and store nothing. {@code {id}} in a path is an existing report of
 * {@link #OWNER}; {@code {id}} in a body or header is replaced the same way.
 */
final class HostileCorpus {

    static final String OWNER = "owner";
    static final String EDITOR = "ed";

    /** Who sends a case: null sub = no claims at all (public). */
    record Who(String sub, String... roles) {
        static final Who PUBLIC = new Who(null);
        static final Who REPORTER = new Who(OWNER, "reporter");
        static final Who OTHER = new Who("someone-else", "reporter");
        static final Who EDITOR_ = new Who(EDITOR, "editor");
        static final Who ANALYST = new Who("an", "analyst");
    }

    /**
     * One hostile request. {@code expected} 0 means any 4xx; {@code batchItems} accepts a 200 batch
     * reply whose every result is a 4xx.
     */
    record Case(String category, String name, String method, String path, Who who, Map<String, String> headers,
                String body, byte[] bytes, Map<String, Object> claims, int expected, boolean batchItems) {

        LambdaEvents.Builder request(String id) {
            var b = LambdaEvents.request(method, path.replace("{id}", id));
            if (who.sub() != null) {
                b.as(who.sub(), who.roles());
            }
            claims.forEach(b::claim);
            headers.forEach((k, v) -> {
                if (v == null) {
                    b.withoutHeader(k);
                } else {
                    b.header(k, v.replace("{id}", id));
                }
            });
            if (bytes != null) {
                b.bodyBytes(bytes);
            } else if (body != null) {
                b.body(body.replace("{id}", id));
            }
            return b;
        }
    }

    // ---- valid bases (compact, so that every proper prefix is malformed) ----

    static final String PERIOD_TOTAL = compact(Samples.periodTotal());
    static final String INCIDENT = compact(Samples.incident("2024-11-28", "SY0200", 5, "Witness W"));
    static final String TERRITORY = compact(Samples.periodTotal()
            .replace("\"scope\": \"period_total\"", "\"scope\": \"territory_change\"")
            .replace("\"territory\": null", "\"territory\": {\"placesCount\": 50, \"qualifier\": \"at_least\","
                    + " \"toActor\": \"Hayat Tahrir al-Sham\", \"fromActor\": \"Syrian Arab Army\","
                    + " \"places\": [\"Khan al-Asal\"]}"));
    static final String REASON = "{\"reason\":\"duplicate of another report\"}";
    static final String REVIEW = "{\"status\":\"accepted\",\"note\":\"checked\"}";

    /** Strings that must never be interpreted: SQL, DynamoDB expressions, NoSQL, paths, markup, JNDI, CSV formulas. */
    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1' --",
            "\"; DROP TABLE ledger; --",
            ":x",
            "#n",
            "attribute_not_exists(pk) OR :x = :x",
            "{\"$ne\": null}",
            "../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "<script>alert(1)</script>",
            "${jndi:ldap://x/a}",
            "=cmd|' /C calc'!A0",
            "R#HEAD");

    private final List<Case> cases = new ArrayList<>();

    static List<Case> all() {
        HostileCorpus c = new HostileCorpus();
        c.truncated();
        c.wrongTypes();
        c.numbers();
        c.nonNumbers();
        c.nesting();
        c.duplicateKeys();
        c.invalidUtf8();
        c.controlCharacters();
        c.hugeArrays();
        c.unknownAndServerOwnedFields();
        c.pcodes();
        c.dates();
        c.injectionsWhereTheyAreInvalid();
        c.oversized();
        c.contentTypes();
        c.methods();
        c.forgedClaims();
        c.idempotencyKeys();
        c.ifMatch();
        c.pathIds();
        c.envelopes();
        return Collections.unmodifiableList(c.cases);
    }

    // ---- routes ----

    private void create(String cat, String name, String body) {
        add(cat, "POST /v1/reports " + name, "POST", "/v1/reports", Who.REPORTER, Map.of(), body, 0, false);
    }

    private void put(String cat, String name, String body) {
        add(cat, "PUT /v1/reports/{id} " + name, "PUT", "/v1/reports/{id}", Who.REPORTER,
                Map.of("If-Match", "\"1\""), body, 0, false);
    }

    private void batchItem(String cat, String name, String report) {
        add(cat, "POST /v1/reports/batch item " + name, "POST", "/v1/reports/batch", Who.REPORTER, Map.of(),
                "{\"reports\":[" + report + "]}", 0, true);
    }

    private void batch(String cat, String name, String body) {
        add(cat, "POST /v1/reports/batch " + name, "POST", "/v1/reports/batch", Who.REPORTER, Map.of(), body, 0, false);
    }

    private void retract(String cat, String name, String body) {
        add(cat, "DELETE /v1/reports/{id} " + name, "DELETE", "/v1/reports/{id}", Who.REPORTER, Map.of(), body, 0, false);
    }

    private void review(String cat, String name, String body) {
        add(cat, "POST /v1/reports/{id}/review " + name, "POST", "/v1/reports/{id}/review", Who.EDITOR_, Map.of(),
                body, 0, false);
    }

    /** A report body on every report route: create, correct, and inside a batch. */
    private void everyReportRoute(String cat, String name, String body) {
        create(cat, name, body);
        put(cat, name, body);
        batchItem(cat, name, body);
    }

    private void add(String cat, String name, String method, String path, Who who, Map<String, String> headers,
                     String body, int expected, boolean batchItems) {
        cases.add(new Case(cat, name, method, path, who, headers, body, null, Map.of(), expected, batchItems));
    }

    private void addBytes(String cat, String name, String method, String path, Who who, byte[] bytes, boolean batchItems) {
        cases.add(new Case(cat, name, method, path, who, Map.of(), null, bytes, Map.of(), 0, batchItems));
    }

    // ---- generated categories ----

    void truncated() {
        String cat = "truncated JSON";
        for (int i = 0; i < INCIDENT.length(); i += 13) {
            create(cat, "incident cut at " + i, INCIDENT.substring(0, i));
        }
        for (int i = 1; i < PERIOD_TOTAL.length(); i += 61) {
            put(cat, "cut at " + i, PERIOD_TOTAL.substring(0, i));
        }
        String batch = "{\"reports\":[" + PERIOD_TOTAL + "," + INCIDENT + "]}";
        for (int i = 1; i < batch.length(); i += 97) {
            batch(cat, "cut at " + i, batch.substring(0, i));
        }
        for (int i = 0; i < REASON.length(); i += 4) {
            retract(cat, "cut at " + i, REASON.substring(0, i));
        }
        for (int i = 0; i < REVIEW.length(); i += 4) {
            review(cat, "cut at " + i, REVIEW.substring(0, i));
        }
    }

    void wrongTypes() {
        String cat = "wrong types";
        for (String base : List.of(INCIDENT, TERRITORY)) {
            for (String pointer : pointers(tree(base), "")) {
                JsonNode current = tree(base).at(pointer);
                List<JsonNode> wrong = wrongFor(current);
                for (int k = 0; k < wrong.size(); k++) {
                    String body = with(base, pointer, wrong.get(k));
                    String name = pointer + " = " + wrong.get(k);
                    if (k == 0) {
                        everyReportRoute(cat, name, body);
                    } else {
                        create(cat, name, body);
                    }
                }
            }
        }
        for (String v : List.of("1", "true", "[\"x\"]", "{}", "null")) {
            retract(cat, "reason = " + v, "{\"reason\":" + v + "}");
            review(cat, "status = " + v, "{\"status\":" + v + "}");
            review(cat, "note = " + v, "{\"status\":\"accepted\",\"note\":" + (v.equals("null") ? "1.5" : v) + "}");
        }
        for (String root : List.of("[]", "\"report\"", "42", "true", "null")) {
            everyReportRoute(cat, "root " + root, root);
            retract(cat, "root " + root, root);
            review(cat, "root " + root, root);
        }
    }

    void numbers() {
        String cat = "huge and negative numbers";
        for (String v : List.of("-1", "10000001", "9223372036854775807", "9223372036854775808",
                "-9223372036854775809", "1e3", "255.0", "255.5", "1e999", "123456789012345678901234567890123")) {
            everyReportRoute(cat, "figures[0].value " + v, INCIDENT.replace("\"value\":5", "\"value\":" + v));
        }
        for (String v : List.of("90.0000001", "-91", "1e308", "-1e999", "360")) {
            create(cat, "lat " + v, INCIDENT.replace("\"lat\":36.2021", "\"lat\":" + v));
        }
        for (String v : List.of("180.0000001", "-181", "1e308", "-1e999", "720")) {
            create(cat, "lon " + v, INCIDENT.replace("\"lon\":37.1343", "\"lon\":" + v));
        }
        for (String v : List.of("-1", "10000001", "1e20", "99999999999999999999")) {
            create(cat, "territory.placesCount " + v, TERRITORY.replace("\"placesCount\":50", "\"placesCount\":" + v));
        }
    }

    void nonNumbers() {
        String cat = "NaN and Infinity";
        for (String v : List.of("NaN", "Infinity", "-Infinity", "+Infinity", "\"NaN\"", "\"Infinity\"")) {
            everyReportRoute(cat, "figures[0].value " + v, INCIDENT.replace("\"value\":5", "\"value\":" + v));
            create(cat, "lat " + v, INCIDENT.replace("\"lat\":36.2021", "\"lat\":" + v));
            create(cat, "lon " + v, INCIDENT.replace("\"lon\":37.1343", "\"lon\":" + v));
        }
        create(cat, "placesCount NaN", TERRITORY.replace("\"placesCount\":50", "\"placesCount\":NaN"));
    }

    void nesting() {
        String cat = "deep nesting";
        for (int depth : new int[] {17, 64, 1000, 10_000}) {
            String arrays = "[".repeat(depth) + "]".repeat(depth);
            String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            create(cat, "root arrays depth " + depth, arrays);
            create(cat, "summary objects depth " + depth, with(INCIDENT, "/summary", null).replace("\"summary\":null",
                    "\"summary\":" + objects));
            batch(cat, "reports arrays depth " + depth, "{\"reports\":" + arrays + "}");
            put(cat, "tags arrays depth " + depth, PERIOD_TOTAL.replace("[\"aleppo-offensive-2024\"]", arrays));
            retract(cat, "reason objects depth " + depth, "{\"reason\":" + objects + "}");
            review(cat, "note arrays depth " + depth, "{\"status\":\"accepted\",\"note\":" + arrays + "}");
        }
    }

    void duplicateKeys() {
        String cat = "duplicate keys";
        for (String base : List.of(INCIDENT, TERRITORY)) {
            JsonNode root = tree(base);
            for (String pointer : objectPointers(root, "")) {
                ObjectNode o = (ObjectNode) root.at(pointer);
                String first = o.fieldNames().next();
                String dup = "{\"" + first + "\":" + o.get(first) + "," + o.toString().substring(1);
                String body = base.replace(o.toString(), dup);
                everyReportRoute(cat, (pointer.isEmpty() ? "/" : pointer) + " twice " + first, body);
            }
        }
        batch(cat, "reports twice", "{\"reports\":[],\"reports\":[" + PERIOD_TOTAL + "]}");
        retract(cat, "reason twice", "{\"reason\":\"a\",\"reason\":\"b\"}");
        review(cat, "status twice", "{\"status\":\"rejected\",\"status\":\"accepted\"}");
        review(cat, "note twice", "{\"status\":\"accepted\",\"note\":\"a\",\"note\":\"a\"}");
    }

    void invalidUtf8() {
        String cat = "invalid UTF-8";
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("overlong slash C0 AF", bytes(0xC0, 0xAF));
        bad.put("overlong 3-byte E0 80 AF", bytes(0xE0, 0x80, 0xAF));
        bad.put("overlong 4-byte F0 82 82 AC", bytes(0xF0, 0x82, 0x82, 0xAC));
        bad.put("lone continuation 80", bytes(0x80));
        bad.put("lone continuation BF", bytes(0xBF));
        bad.put("truncated 2-byte C3", bytes(0xC3, 'x'));
        bad.put("truncated 3-byte E2 82", bytes(0xE2, 0x82, 'x'));
        bad.put("UTF-16 surrogate ED A0 80", bytes(0xED, 0xA0, 0x80));
        bad.put("UTF-16 surrogate ED BF BF", bytes(0xED, 0xBF, 0xBF));
        bad.put("above U+10FFFF F4 90 80 80", bytes(0xF4, 0x90, 0x80, 0x80));
        bad.put("5-byte form F8 88 80 80 80", bytes(0xF8, 0x88, 0x80, 0x80, 0x80));
        bad.put("FE", bytes(0xFE));
        bad.put("FF", bytes(0xFF));
        bad.put("C1 BF", bytes(0xC1, 0xBF));
        for (var e : bad.entrySet()) {
            byte[] report = splice(INCIDENT, "غارة", e.getValue());
            addBytes(cat, "POST /v1/reports summary " + e.getKey(), "POST", "/v1/reports", Who.REPORTER, report, false);
            addBytes(cat, "PUT /v1/reports/{id} " + e.getKey(), "PUT", "/v1/reports/{id}", Who.REPORTER, report, false);
            addBytes(cat, "POST /v1/reports/batch " + e.getKey(), "POST", "/v1/reports/batch", Who.REPORTER,
                    splice("{\"reports\":[" + INCIDENT + "]}", "غارة", e.getValue()), false);
            addBytes(cat, "DELETE /v1/reports/{id} reason " + e.getKey(), "DELETE", "/v1/reports/{id}", Who.REPORTER,
                    splice(REASON, "duplicate", e.getValue()), false);
            addBytes(cat, "POST /v1/reports/{id}/review note " + e.getKey(), "POST", "/v1/reports/{id}/review",
                    Who.EDITOR_, splice(REVIEW, "checked", e.getValue()), false);
            addBytes(cat, "POST /v1/reports key " + e.getKey(), "POST", "/v1/reports", Who.REPORTER,
                    splice(INCIDENT, "\"summary\"", e.getValue()), false);
        }
        for (String cs : List.of("UTF-16LE", "UTF-16BE", "UTF-32")) {
            byte[] body = INCIDENT.getBytes(Charset.forName(cs));
            addBytes(cat, "POST /v1/reports body in " + cs, "POST", "/v1/reports", Who.REPORTER, body, false);
            addBytes(cat, "PUT /v1/reports/{id} body in " + cs, "PUT", "/v1/reports/{id}", Who.REPORTER, body, false);
        }
        ByteArrayOutputStream bom16 = new ByteArrayOutputStream();
        bom16.writeBytes(bytes(0xFF, 0xFE));
        bom16.writeBytes(INCIDENT.getBytes(StandardCharsets.UTF_16LE));
        addBytes(cat, "POST /v1/reports UTF-16 with BOM", "POST", "/v1/reports", Who.REPORTER, bom16.toByteArray(), false);
    }

    void controlCharacters() {
        String cat = "control characters";
        List<String> escapes = List.of("\\u0000", "\\u0007", "\\u001b", "\\u007f", "\\u0085", "\\ud800", "\\udc00");
        for (String pointer : List.of("/incidentKey", "/source/name", "/place/name", "/summary", "/actors/0/name",
                "/figures/0/text", "/tags/0", "/language", "/source/url")) {
            for (String esc : escapes) {
                String marker = "CTRL_MARK";
                String body = with(PERIOD_TOTAL, pointer, TextNode.valueOf("a" + marker + "b")).replace(marker, esc);
                if (esc.equals("\\u0000")) {
                    everyReportRoute(cat, pointer + " " + esc, body);
                } else {
                    create(cat, pointer + " " + esc, body);
                }
            }
        }
        for (String esc : escapes) {
            create(cat, "territory.places[0] " + esc, TERRITORY.replace("Khan al-Asal", "Khan" + esc));
            retract(cat, "reason " + esc, "{\"reason\":\"x" + esc + "\"}");
            review(cat, "note " + esc, "{\"status\":\"accepted\",\"note\":\"x" + esc + "\"}");
        }
        // Unescaped control characters are not JSON at all.
        for (char c : new char[] {0x01, 0x08, 0x1f}) {
            create(cat, "raw 0x" + Integer.toHexString(c) + " in summary", INCIDENT.replace("غارة", "غارة" + c));
            retract(cat, "raw 0x" + Integer.toHexString(c) + " in reason", REASON.replace("duplicate", "dup" + c));
        }
    }

    void hugeArrays() {
        String cat = "10,000-element arrays";
        String strings = "[" + String.join(",", Collections.nCopies(10_000, "\"a\"")) + "]";
        String objects = "[" + String.join(",", Collections.nCopies(10_000, "{}")) + "]";
        String numbers = "[" + String.join(",", Collections.nCopies(10_000, "1")) + "]";
        create(cat, "tags", PERIOD_TOTAL.replace("[\"aleppo-offensive-2024\"]", strings));
        put(cat, "tags", PERIOD_TOTAL.replace("[\"aleppo-offensive-2024\"]", strings));
        batchItem(cat, "tags", PERIOD_TOTAL.replace("[\"aleppo-offensive-2024\"]", strings));
        create(cat, "actors", replaceArray(PERIOD_TOTAL, "/actors", objects));
        create(cat, "figures", replaceArray(PERIOD_TOTAL, "/figures", objects));
        create(cat, "territory.places", TERRITORY.replace("[\"Khan al-Asal\"]", strings));
        create(cat, "summary", replaceArray(PERIOD_TOTAL, "/summary", numbers));
        create(cat, "unknown field", PERIOD_TOTAL.replaceFirst("\\{", "{\"extra\":" + numbers + ","));
        batch(cat, "reports of {}", "{\"reports\":" + objects + "}");
        batch(cat, "reports of numbers", "{\"reports\":" + numbers + "}");
        retract(cat, "reason", "{\"reason\":" + strings + "}");
        review(cat, "note", "{\"status\":\"accepted\",\"note\":" + strings + "}");
        create(cat, "root array", strings);
    }

    void unknownAndServerOwnedFields() {
        String cat = "unknown and server-owned fields";
        List<String> owned = List.of("id", "revision", "status", "submittedBy", "receivedAt", "updatedAt", "statusNote");
        for (String f : owned) {
            String body = PERIOD_TOTAL.replaceFirst("\\{", "{\"" + f + "\":" + (f.equals("revision") ? "1" : "\"x\"") + ",");
            everyReportRoute(cat, "root " + f, body);
        }
        List<String> unknown = List.of("unknown", "Scope", "__proto__", "#n", ":x", "$where", "constructor");
        for (String base : List.of(INCIDENT, TERRITORY)) {
            JsonNode root = tree(base);
            for (String pointer : objectPointers(root, "")) {
                for (String u : unknown) {
                    ObjectNode copy = (ObjectNode) tree(base);
                    ObjectNode target = pointer.isEmpty() ? copy : (ObjectNode) copy.at(pointer);
                    target.put(u, 1);
                    if (u.equals("unknown")) {
                        everyReportRoute(cat, (pointer.isEmpty() ? "/" : pointer) + " +" + u, copy.toString());
                    } else {
                        create(cat, (pointer.isEmpty() ? "/" : pointer) + " +" + u, copy.toString());
                    }
                }
            }
        }
        for (String f : List.of("id", "submittedBy", "sub", "cognito:groups")) {
            create(cat, "source." + f, with(PERIOD_TOTAL, "/source/" + f, TextNode.valueOf("x")));
            retract(cat, "+" + f, "{\"reason\":\"x\",\"" + f + "\":\"x\"}");
            review(cat, "+" + f, "{\"status\":\"accepted\",\"" + f + "\":\"x\"}");
        }
        batch(cat, "envelope +unknown", "{\"reports\":[],\"unknown\":1}");
        batch(cat, "envelope +submittedBy", "{\"reports\":[],\"submittedBy\":\"x\"}");
    }

    void pcodes() {
        String cat = "broken p-code hierarchies";
        Map<String, Consumer<ObjectNode>> m = new LinkedHashMap<>();
        m.put("admin2 under another admin1", p -> p.put("admin2", "SY0300"));
        m.put("admin2 equal to admin1", p -> p.put("admin2", "SY02"));
        m.put("admin2 without admin1", p -> p.putNull("admin1"));
        m.put("admin3 without admin2", p -> p.putNull("admin2").put("admin3", "SY020001").put("precision", "admin1"));
        m.put("admin3 under another admin2", p -> p.put("admin3", "SY030001"));
        m.put("admin1 lower case", p -> p.put("admin1", "sy02").put("admin2", "sy0200"));
        m.put("admin1 with dash", p -> p.put("admin1", "SY-02").put("admin2", "SY-0200"));
        m.put("admin1 trailing space", p -> p.put("admin1", "SY02 "));
        m.put("admin1 empty", p -> p.put("admin1", ""));
        m.put("admin1 one letter", p -> p.put("admin1", "S").put("admin2", "S0200"));
        m.put("admin1 too long", p -> p.put("admin1", "SY" + "0".repeat(19)).put("admin2", "SY" + "0".repeat(20)));
        m.put("admin1 of another country", p -> p.put("admin1", "IQ02").put("admin2", "IQ0200"));
        m.put("admin1 bare country prefix", p -> p.put("admin1", "SY").put("admin2", "SY02"));
        m.put("country lower case", p -> p.put("country", "syr"));
        m.put("country alpha-2", p -> p.put("country", "SY"));
        m.put("country missing", p -> p.remove("country"));
        m.put("precision admin2 without admin2", p -> p.putNull("admin2").put("precision", "admin2"));
        m.put("lat without lon", p -> p.putNull("lon"));
        for (var e : m.entrySet()) {
            ObjectNode r = (ObjectNode) tree(INCIDENT);
            e.getValue().accept((ObjectNode) r.get("place"));
            everyReportRoute(cat, e.getKey(), r.toString());
        }
    }

    void dates() {
        String cat = "dates out of range";
        for (String d : List.of("2024-13-01", "2024-02-30", "2024-00-10", "+10000-01-01", "10000-01-01", "2024-1-1",
                "24-11-27", "2024-11-27T00:00:00Z", "2999-01-01", "0000-00-00", "-0001-01-01", " 2024-11-28",
                "2024/11/28", "", "today")) {
            everyReportRoute(cat, "incident day " + d, INCIDENT.replace("2024-11-28\",\"end\":\"2024-11-28",
                    d + "\",\"end\":\"" + d));
        }
        create(cat, "end before start", PERIOD_TOTAL.replace("\"end\":\"2024-11-29\"", "\"end\":\"2024-11-26\""));
        create(cat, "incident over two days", INCIDENT.replace("\"end\":\"2024-11-28\"", "\"end\":\"2024-11-29\""));
        create(cat, "period of 367 days", PERIOD_TOTAL.replace("\"start\":\"2024-11-27\"", "\"start\":\"2023-11-27\""));
        create(cat, "period of 300 years", PERIOD_TOTAL.replace("\"start\":\"2024-11-27\"", "\"start\":\"1724-11-27\""));
        for (String t : List.of("2999-01-01T00:00:00Z", "2024-11-29", "2024-11-29T25:00:00Z", "1732903200",
                "2024-11-29T18:00:00", "+1000000000-01-01T00:00:00Z", "2024-11-29 18:00:00Z", "-2024-11-29T18:00:00Z", "+2024-11-29T18:00:00Z", "02024-11-29T18:00:00Z",
                "2024-11-31T18:00:00Z")) {
            everyReportRoute(cat, "publishedAt " + t, PERIOD_TOTAL.replace("2024-11-29T18:00:00Z", t));
        }
        create(cat, "publishedAt as a number", PERIOD_TOTAL.replace("\"2024-11-29T18:00:00Z\"", "1732903200"));
    }

    void injectionsWhereTheyAreInvalid() {
        String cat = "injection strings in checked fields";
        List<String> pointers = List.of("/scope", "/eventType", "/subEventType", "/datePrecision", "/source/kind",
                "/source/url", "/source/publishedAt", "/period/start", "/place/country", "/place/admin1",
                "/place/precision", "/actors/0/type", "/actors/0/side", "/figures/0/metric", "/figures/0/group",
                "/figures/0/qualifier", "/language");
        for (String inj : INJECTIONS) {
            for (String pointer : pointers) {
                create(cat, pointer + " = " + inj, with(INCIDENT, pointer, TextNode.valueOf(inj)));
            }
            review(cat, "status = " + inj, "{\"status\":" + TextNode.valueOf(inj) + "}");
            put(cat, "period.end = " + inj, with(PERIOD_TOTAL, "/period/end", TextNode.valueOf(inj)));
        }
    }

    void oversized() {
        String cat = "oversized bodies";
        String big = PERIOD_TOTAL.replace("Free text, any language.", "x".repeat(66_000));
        add(cat, "POST /v1/reports 66 kB summary", "POST", "/v1/reports", Who.REPORTER, Map.of(), big, 413, false);
        add(cat, "PUT /v1/reports/{id} 66 kB summary", "PUT", "/v1/reports/{id}", Who.REPORTER,
                Map.of("If-Match", "\"1\""), big, 413, false);
        String padded = " ".repeat(64 * 1024) + PERIOD_TOTAL;
        add(cat, "POST /v1/reports 64 KiB of white space then a valid report", "POST", "/v1/reports", Who.REPORTER,
                Map.of(), padded, 413, false);
        add(cat, "DELETE /v1/reports/{id} 66 kB reason", "DELETE", "/v1/reports/{id}", Who.REPORTER, Map.of(),
                "{\"reason\":\"" + "x".repeat(66_000) + "\"}", 413, false);
        add(cat, "POST /v1/reports/{id}/review 66 kB note", "POST", "/v1/reports/{id}/review", Who.EDITOR_, Map.of(),
                "{\"status\":\"accepted\",\"note\":\"" + "x".repeat(66_000) + "\"}", 413, false);
        add(cat, "POST /v1/reports/batch over 6 MB", "POST", "/v1/reports/batch", Who.REPORTER, Map.of(),
                "{\"reports\":[" + String.join(",", Collections.nCopies(100, big)) + "]}", 413, false);
        add(cat, "POST /v1/reports/batch 101 reports", "POST", "/v1/reports/batch", Who.REPORTER, Map.of(),
                "{\"reports\":[" + String.join(",", Collections.nCopies(101, PERIOD_TOTAL)) + "]}", 413, false);
        batchItem(cat, "one 66 kB report", big);
        retract(cat, "reason of 1001 characters", "{\"reason\":\"" + "x".repeat(1001) + "\"}");
        review(cat, "note of 1001 characters", "{\"status\":\"accepted\",\"note\":\"" + "x".repeat(1001) + "\"}");
        create(cat, "summary of 4001 characters", PERIOD_TOTAL.replace("Free text, any language.", "x".repeat(4001)));
        create(cat, "source.name of 301 characters", PERIOD_TOTAL.replace("Syrian Observatory for Human Rights", "x".repeat(301)));
        create(cat, "url of 2049 characters", PERIOD_TOTAL.replace("https://example.org/article/123",
                "https://example.org/" + "x".repeat(2030)));
        create(cat, "tag of 65 characters", PERIOD_TOTAL.replace("aleppo-offensive-2024", "t".repeat(65)));
        create(cat, "21 tags", replaceArray(PERIOD_TOTAL, "/tags",
                "[" + String.join(",", Collections.nCopies(21, "\"t\"")) + "]"));
        create(cat, "21 actors", replaceArray(PERIOD_TOTAL, "/actors",
                "[" + String.join(",", Collections.nCopies(21, tree(PERIOD_TOTAL).at("/actors/0").toString())) + "]"));
        ArrayNode figures = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 51; i++) {
            figures.addObject().put("metric", "killed").put("group", "all").put("value", i).put("qualifier", "exact");
        }
        create(cat, "51 figures", replaceArray(PERIOD_TOTAL, "/figures", figures.toString()));
        create(cat, "1001 territory places", TERRITORY.replace("[\"Khan al-Asal\"]",
                "[" + String.join(",", Collections.nCopies(1001, "\"p\"")) + "]"));
    }

    void contentTypes() {
        String cat = "wrong content types";
        for (String ct : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "text/csv", "application/jsonx", "application/octet-stream",
                "json", ";;;")) {
            add(cat, "POST /v1/reports " + ct, "POST", "/v1/reports", Who.REPORTER, Map.of("content-type", ct),
                    PERIOD_TOTAL, 415, false);
            add(cat, "POST /v1/reports/batch " + ct, "POST", "/v1/reports/batch", Who.REPORTER,
                    Map.of("content-type", ct), "{\"reports\":[" + PERIOD_TOTAL + "]}", 415, false);
            add(cat, "PUT /v1/reports/{id} " + ct, "PUT", "/v1/reports/{id}", Who.REPORTER,
                    Map.of("content-type", ct, "If-Match", "\"1\""), PERIOD_TOTAL, 415, false);
        }
        add(cat, "DELETE /v1/reports/{id} text/plain", "DELETE", "/v1/reports/{id}", Who.REPORTER,
                Map.of("content-type", "text/plain"), REASON, 415, false);
        add(cat, "POST review text/plain", "POST", "/v1/reports/{id}/review", Who.EDITOR_,
                Map.of("content-type", "text/plain"), REVIEW, 415, false);
        for (String accept : List.of("text/csv", "application/xml", "image/png")) {
            add(cat, "POST /v1/reports Accept " + accept, "POST", "/v1/reports", Who.REPORTER,
                    Map.of("accept", accept), PERIOD_TOTAL, 406, false);
        }
    }

    void methods() {
        String cat = "wrong methods";
        for (String m : List.of("GET", "PATCH", "HEAD", "TRACE", "CONNECT", "FOO")) {
            add(cat, m + " /v1/reports", m, "/v1/reports", Who.REPORTER, Map.of(), PERIOD_TOTAL, 405, false);
            add(cat, m + " /v1/reports/batch", m, "/v1/reports/batch", Who.REPORTER, Map.of(), "{\"reports\":[]}", 0, false);
            add(cat, m + " /v1/reports/{id}/review", m, "/v1/reports/{id}/review", Who.EDITOR_, Map.of(), REVIEW, 405, false);
        }
        add(cat, "PUT /v1/reports", "PUT", "/v1/reports", Who.REPORTER, Map.of("If-Match", "\"1\""), PERIOD_TOTAL, 405, false);
        add(cat, "DELETE /v1/reports", "DELETE", "/v1/reports", Who.REPORTER, Map.of(), REASON, 405, false);
        add(cat, "PATCH /v1/reports/{id}", "PATCH", "/v1/reports/{id}", Who.REPORTER, Map.of(), PERIOD_TOTAL, 405, false);
        add(cat, "PUT /v1/reports/{id}/review", "PUT", "/v1/reports/{id}/review", Who.EDITOR_, Map.of(), REVIEW, 405, false);
        add(cat, "POST /v1/reports/{id}", "POST", "/v1/reports/{id}", Who.REPORTER, Map.of(), PERIOD_TOTAL, 405, false);
        add(cat, "POST /v1/reports/{id}/revisions", "POST", "/v1/reports/{id}/revisions", Who.REPORTER, Map.of(),
                PERIOD_TOTAL, 0, false);
        add(cat, "POST /v1/figures", "POST", "/v1/figures", Who.REPORTER, Map.of(), PERIOD_TOTAL, 0, false);
    }

    void forgedClaims() {
        String cat = "forged claims";
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJlZCIsImNvZ25pdG86Z3JvdXBzIjpbImVkaXRvciJdfQ.");
        forged.put("x-amzn-oidc-identity", "ed");
        forged.put("x-amzn-oidc-data", "eyJzdWIiOiJlZCJ9");
        forged.put("x-cognito-groups", "[editor]");
        forged.put("x-forwarded-user", OWNER);
        forged.put("x-apigateway-event", "{\"requestContext\":{\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"ed\"}}}}}");
        forged.put("x-amzn-request-context", "{\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"ed\",\"cognito:groups\":\"[editor]\"}}}}");
        forged.put("cookie", "sub=ed; role=editor");
        for (var h : forged.entrySet()) {
            add(cat, "public POST /v1/reports with " + h.getKey(), "POST", "/v1/reports", Who.PUBLIC,
                    Map.of(h.getKey(), h.getValue()), PERIOD_TOTAL, 401, false);
            add(cat, "public POST review with " + h.getKey(), "POST", "/v1/reports/{id}/review", Who.PUBLIC,
                    Map.of(h.getKey(), h.getValue()), REVIEW, 401, false);
            add(cat, "other reporter PUT with " + h.getKey(), "PUT", "/v1/reports/{id}", Who.OTHER,
                    Map.of(h.getKey(), h.getValue(), "If-Match", "\"1\""), PERIOD_TOTAL, 403, false);
            add(cat, "analyst POST batch with " + h.getKey(), "POST", "/v1/reports/batch", Who.ANALYST,
                    Map.of(h.getKey(), h.getValue()), "{\"reports\":[" + PERIOD_TOTAL + "]}", 403, false);
            add(cat, "reporter review with " + h.getKey(), "POST", "/v1/reports/{id}/review", Who.REPORTER,
                    Map.of(h.getKey(), h.getValue()), REVIEW, 403, false);
        }
        add(cat, "public with ?sub=ed&role=editor", "POST", "/v1/reports?sub=ed&role=editor", Who.PUBLIC, Map.of(),
                PERIOD_TOTAL, 0, false);
        for (String f : List.of("sub", "cognito:groups", "scope", "roles", "principal")) {
            add(cat, "reporter body claims " + f, "POST", "/v1/reports", Who.REPORTER, Map.of(),
                    PERIOD_TOTAL.replaceFirst("\\{", "{\"" + f + "\":\"editor\","), 400, false);
            add(cat, "other reporter DELETE body claims " + f, "DELETE", "/v1/reports/{id}", Who.OTHER, Map.of(),
                    "{\"reason\":\"x\",\"" + f + "\":\"" + OWNER + "\"}", 0, false);
        }
        add(cat, "submittedBy in body", "POST", "/v1/reports", Who.REPORTER, Map.of(),
                PERIOD_TOTAL.replaceFirst("\\{", "{\"submittedBy\":\"ed\","), 400, false);
        add(cat, "submittedBy = owner in another's PUT", "PUT", "/v1/reports/{id}", Who.OTHER, Map.of("If-Match", "\"1\""),
                PERIOD_TOTAL.replaceFirst("\\{", "{\"submittedBy\":\"" + OWNER + "\","), 0, false);
        // Claims that are present but do not make a principal or a role.
        List<Map<String, Object>> claims = List.of(
                Map.of("sub", ""), Map.of("sub", "   "), Map.of("sub", 42), Map.of("sub", true),
                Map.of("cognito:groups", "[editor]"), Map.of("scope", "ledger-api/editor"),
                Map.of("sub", "x", "cognito:groups", "[admin root]"), Map.of("sub", "x", "cognito:groups", "[]"),
                Map.of("sub", "x", "scope", "openid profile"), Map.of("sub", "x", "cognito:groups", "[reporters]"),
                Map.of("sub", "x", "cognito:groups", "[ANALYST]"), Map.of("sub", "x", "scope", "editorial"));
        for (Map<String, Object> c : claims) {
            cases.add(new Case(cat, "claims " + c + " POST /v1/reports", "POST", "/v1/reports", Who.PUBLIC, Map.of(),
                    PERIOD_TOTAL, null, c, 0, false));
            cases.add(new Case(cat, "claims " + c + " review", "POST", "/v1/reports/{id}/review", Who.PUBLIC, Map.of(),
                    REVIEW, null, c, 0, false));
        }
    }

    void idempotencyKeys() {
        String cat = "bad Idempotency-Key";
        for (String k : List.of("x".repeat(129), "tab\there", "ключ", "emoji 🕊", "nul\u0000", "del\u007f",
                "bell\u0007", "é")) {
            add(cat, "POST /v1/reports key " + printable(k), "POST", "/v1/reports", Who.REPORTER,
                    Map.of("Idempotency-Key", k), PERIOD_TOTAL, 400, false);
            add(cat, "POST /v1/reports/batch key " + printable(k), "POST", "/v1/reports/batch", Who.REPORTER,
                    Map.of("Idempotency-Key", k), "{\"reports\":[" + PERIOD_TOTAL + "]}", 400, false);
            add(cat, "PUT /v1/reports/{id} key " + printable(k), "PUT", "/v1/reports/{id}", Who.REPORTER,
                    Map.of("Idempotency-Key", k, "If-Match", "\"1\""), PERIOD_TOTAL, 400, false);
            add(cat, "DELETE /v1/reports/{id} key " + printable(k), "DELETE", "/v1/reports/{id}", Who.REPORTER,
                    Map.of("Idempotency-Key", k), REASON, 400, false);
            add(cat, "review key " + printable(k), "POST", "/v1/reports/{id}/review", Who.EDITOR_,
                    Map.of("Idempotency-Key", k), REVIEW, 400, false);
        }
    }

    /** A list such as {@code "1", "2"} is valid If-Match syntax (RFC 9110: any tag may match), so it is not here. */
    void ifMatch() {
        String cat = "bad If-Match";
        for (String v : List.of("abc", "0", "-1", "\"\"", "*", "W/", "\"1", "99999999999999",
                "\"1\" OR 1=1", "${jndi:ldap://x/a}", "\"1.0\"", "0x1", "１", "+1", "\"+1\"", "\"٣\"")) {
            add(cat, "PUT If-Match " + v, "PUT", "/v1/reports/{id}", Who.REPORTER, Map.of("If-Match", v), PERIOD_TOTAL,
                    0, false);
            add(cat, "DELETE If-Match " + v, "DELETE", "/v1/reports/{id}", Who.REPORTER, Map.of("If-Match", v), REASON,
                    0, false);
            add(cat, "review If-Match " + v, "POST", "/v1/reports/{id}/review", Who.EDITOR_, Map.of("If-Match", v),
                    REVIEW, 0, false);
        }
        add(cat, "PUT stale If-Match", "PUT", "/v1/reports/{id}", Who.REPORTER, Map.of("If-Match", "\"7\""),
                PERIOD_TOTAL, 412, false);
        add(cat, "PUT without If-Match", "PUT", "/v1/reports/{id}", Who.REPORTER, Map.of(), PERIOD_TOTAL, 428, false);
        add(cat, "PUT blank If-Match", "PUT", "/v1/reports/{id}", Who.REPORTER, Map.of("If-Match", "  "), PERIOD_TOTAL,
                428, false);
        add(cat, "DELETE stale If-Match", "DELETE", "/v1/reports/{id}", Who.REPORTER, Map.of("If-Match", "W/\"2\""),
                REASON, 412, false);
    }

    void pathIds() {
        String cat = "ids with traversal characters";
        List<String> ids = List.of("..", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e", "{id}%00",
                "{id}%2F..", "R%23HEAD", "{id}%23HEAD", "%7Bid%7D", "01jdrz5v7n3p2q8r4s6t8v0w2x", "01JDRZ5V7N3P2Q8R4S6T8V0W2XX",
                "01JDRZ5V7N3P2Q8R4S6T8V0W2%55", "' OR '1'='1", ":x", "%23n", "%zz", "%", "{id}%20", "%E2%80%AE{id}",
                "..;", "%252e%252e%252f", "{id}/..", "%00", "~root");
        for (String id : ids) {
            String put = "/v1/reports/" + id;
            add(cat, "PUT " + put, "PUT", put, Who.EDITOR_, Map.of("If-Match", "\"1\""), PERIOD_TOTAL, 0, false);
            add(cat, "DELETE " + put, "DELETE", put, Who.EDITOR_, Map.of(), REASON, 0, false);
            add(cat, "review " + put, "POST", put + "/review", Who.EDITOR_, Map.of(), REVIEW, 0, false);
        }
    }

    void envelopes() {
        String cat = "batch and body shapes";
        batch(cat, "reports null", "{\"reports\":null}");
        batch(cat, "reports string", "{\"reports\":\"[]\"}");
        batch(cat, "reports object", "{\"reports\":{\"0\":" + PERIOD_TOTAL + "}}");
        batch(cat, "no reports", "{}");
        batch(cat, "root array of reports", "[" + PERIOD_TOTAL + "]");
        batch(cat, "empty body", "");
        batch(cat, "trailing garbage", "{\"reports\":[]} x");
        batch(cat, "two documents", "{\"reports\":[]}{\"reports\":[]}");
        for (String item : List.of("null", "1", "\"x\"", "[]", "{}", "[" + PERIOD_TOTAL + "]")) {
            batchItem(cat, "item " + (item.length() > 10 ? "array of a report" : item), item);
        }
        create(cat, "trailing garbage", PERIOD_TOTAL + "x");
        create(cat, "two documents", PERIOD_TOTAL + PERIOD_TOTAL);
        create(cat, "comment", "/* c */" + PERIOD_TOTAL);
        create(cat, "single quotes", PERIOD_TOTAL.replace('"', '\''));
        create(cat, "unquoted keys", PERIOD_TOTAL.replace("\"scope\"", "scope"));
        create(cat, "trailing comma", PERIOD_TOTAL.substring(0, PERIOD_TOTAL.length() - 1) + ",}");
        create(cat, "only white space", "   \n\t ");
        create(cat, "only a byte order mark", "\uFEFF");
        retract(cat, "empty object", "{}");
        retract(cat, "blank reason", "{\"reason\":\"   \"}");
        retract(cat, "no body", null);
        review(cat, "empty object", "{}");
        review(cat, "no body", null);
        for (String s : List.of("retracted", "received", "ACCEPTED", " accepted", "accepted ", "")) {
            review(cat, "status " + s, "{\"status\":\"" + s + "\"}");
        }
    }

    // ---- helpers ----

    static String compact(String json) {
        return tree(json).toString();
    }

    static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every field and array element, as JSON pointers. */
    static List<String> pointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                out.add(at + "/" + f);
                out.addAll(pointers(node.get(f), at + "/" + f));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(at + "/" + i);
                out.addAll(pointers(node.get(i), at + "/" + i));
            }
        }
        return out;
    }

    static List<String> objectPointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            out.add(at);
        }
        for (String p : pointers(node, at)) {
            if (node.at(p.substring(at.length())).isObject()) {
                out.add(p);
            }
        }
        return out;
    }

    static List<JsonNode> wrongFor(JsonNode current) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (current.isTextual()) {
            return List.of(f.numberNode(123), f.booleanNode(true), f.objectNode(), f.arrayNode());
        }
        if (current.isNumber()) {
            return List.of(f.textNode(current.asText()), f.booleanNode(true), f.objectNode(), f.arrayNode());
        }
        if (current.isBoolean()) {
            return List.of(f.textNode("false"), f.numberNode(0), f.objectNode());
        }
        if (current.isObject()) {
            return List.of(f.textNode("x"), f.numberNode(1), f.arrayNode());
        }
        if (current.isArray()) {
            return List.of(f.textNode("x"), f.objectNode(), f.numberNode(1));
        }
        return List.of(f.booleanNode(true), f.arrayNode());
    }

    /** {@code base} with the value at {@code pointer} replaced (or added); null sets JSON null. */
    static String with(String base, String pointer, JsonNode value) {
        JsonNode root = tree(base);
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        JsonNode v = value == null ? JsonNodeFactory.instance.nullNode() : value;
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), v);
        } else {
            ((ObjectNode) parent).set(last, v);
        }
        return root.toString();
    }

    static String replaceArray(String base, String pointer, String rawJson) {
        String marker = "\"__RAW__\"";
        return with(base, pointer, TextNode.valueOf("__RAW__")).replace(marker, rawJson);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** The UTF-8 bytes of {@code text} with {@code insert} spliced in just before {@code at}. */
    static byte[] splice(String text, String at, byte[] insert) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = text.substring(0, text.indexOf(at)).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(all, 0, prefix.length);
        out.writeBytes(insert);
        out.write(all, prefix.length, all.length - prefix.length);
        return out.toByteArray();
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append(Character.toChars(c));
            }
        });
        return sb.length() > 20 ? sb.substring(0, 20) + "...(" + s.length() + ")" : sb.toString();
    }
}
