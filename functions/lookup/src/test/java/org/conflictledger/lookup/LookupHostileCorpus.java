package org.conflictledger.lookup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conflictledger.testing.LambdaEvents;

/**
 * Hostile requests against every lookup route. Every case must end in a 4xx problem document and
 * write nothing; a case marked {@code upFront} must be refused before any DynamoDB request.
 * Placeholders filled at run time: {@code {id}} an existing report, {@code {searchCursor}} a
 * nextCursor of {@link #SEARCH}, {@code {feedCursor}} a nextCursor of the change feed.
 */
final class LookupHostileCorpus {

    static final String SEARCH = "country=SYR&from=" + Fixtures.FROM + "&to=" + Fixtures.TO;
    static final String FIGURES = "country=SYR&admin1=SY02&from=" + Fixtures.FROM + "&to=" + Fixtures.TO;
    static final String SINCE = "since=2024-01-01T00:00:00Z";

    /** One hostile request; {@code expected} 0 means any 4xx. */
    record Case(String category, String name, String method, String path, String query, Map<String, String> headers,
                int expected, boolean upFront) {

        /** {@code fills}: placeholder (such as {@code {id}}) to its value. */
        LambdaEvents.Builder request(Map<String, String> fills) {
            var b = LambdaEvents.request(method, fill(path, fills)).query(fill(query, fills));
            headers.forEach((k, v) -> b.header(k, fill(v, fills)));
            return b;
        }

        private static String fill(String s, Map<String, String> fills) {
            for (var f : fills.entrySet()) {
                s = s.replace(f.getKey(), f.getValue());
            }
            return s;
        }
    }

    /** Strings that must never be interpreted: DynamoDB expressions, paths, NUL, CRLF, JNDI, markup, SQL. */
    static final List<String> INJECTIONS = List.of(
            ":x", "#n", "%3Ax%20%23n", "attribute_not_exists(pk)%20OR%20%3Ax%20%3D%20%3Ax", "..%2F..%2Fetc%2Fpasswd",
            "../", "%00", "SYR%00", "%0D%0ASet-Cookie:%20x=1", "$%7Bjndi:ldap://x/a%7D", "%3Cscript%3E",
            "'%20OR%20'1'='1", "R%23HEAD", "%7B%22$ne%22:null%7D");

    private final List<Case> cases = new ArrayList<>();

    static List<Case> all() {
        LookupHostileCorpus c = new LookupHostileCorpus();
        c.wrongTypes();
        c.emptyAndMissing();
        c.repeated();
        c.huge();
        c.negativeAndLimits();
        c.nonAscii();
        c.injections();
        c.dates();
        c.figuresWindows();
        c.cursors();
        c.ids();
        c.accept();
        c.methods();
        c.bearerTokens();
        c.oversized();
        return c.cases;
    }

    private void add(String category, String name, String path, String query, Map<String, String> headers,
                     int expected, boolean upFront) {
        cases.add(new Case(category, name, "GET", path, query, headers, expected, upFront));
    }

    private void search(String category, String query, int expected) {
        add(category, "search ?" + query, "/v1/reports", query, Map.of(), expected, true);
    }

    private void figures(String category, String query, int expected) {
        add(category, "figures ?" + query, "/v1/figures", query, Map.of(), expected, true);
        add(category, "figures/daily ?" + query, "/v1/figures/daily", query, Map.of(), expected, true);
    }

    private void changes(String category, String query, int expected) {
        add(category, "changes ?" + query, "/v1/changes", query, Map.of(), expected, true);
    }

    private void report(String category, String query, int expected) {
        add(category, "report ?" + query, "/v1/reports/{id}", query, Map.of(), expected, true);
    }

    /** The base query with {@code name} replaced by (or given) {@code raw}. */
    static String with(String base, String name, String raw) {
        List<String> out = new ArrayList<>();
        boolean seen = false;
        for (String p : base.split("&")) {
            if (p.startsWith(name + "=")) {
                out.add(raw);
                seen = true;
            } else {
                out.add(p);
            }
        }
        if (!seen) {
            out.add(raw);
        }
        return String.join("&", out);
    }

    void wrongTypes() {
        String cat = "wrong types";
        for (String v : List.of("abc", "1.5", "true", "%5B1%5D", "%7B%7D", "0x10", "1e3", "ten", "5%20", "+5", "05a")) {
            search(cat, with(SEARCH, "limit", "limit=" + v), 400);
            changes(cat, with(SINCE, "limit", "limit=" + v), 400);
        }
        for (String v : List.of("syr", "SY", "SYRIA", "123", "S-R", "true")) {
            search(cat, with(SEARCH, "country", "country=" + v), 400);
            figures(cat, with(FIGURES, "country", "country=" + v), 400);
        }
        for (String v : List.of("sy02", "S", "SY-02", "2")) {
            search(cat, "admin1=" + v + "&from=2024-11-27&to=2024-11-29", 400);
            figures(cat, with(FIGURES, "admin1", "admin1=" + v), 400);
        }
        for (String p : List.of("eventType=BATTLES", "eventType=battles,,riots", "scope=everything", "status=Accepted",
                "sourceKind=blog", "status=deleted", "scope=incident%2Cfoo")) {
            search(cat, SEARCH + "&" + p, 400);
        }
        for (String p : List.of("metric=dead", "metric=KILLED", "group=adults", "group=all,children")) {
            figures(cat, FIGURES + "&" + p, 400);
        }
        for (String v : List.of("1", "yesterday", "2024-11-01", "2024-11-01T00:00:00", "2024-11-01T00:00:00%2B01:00x",
                "1732924800")) {
            changes(cat, "since=" + v, 400);
        }
        figures(cat, FIGURES.replace("admin1=SY02", "admin2=SY0200"), 400); // admin2 without admin1
        figures(cat, FIGURES + "&admin2=IQ0200", 400); // admin2 not under admin1
        search(cat, "admin1=SY02&admin2=SY0100&from=2024-11-27&to=2024-11-29", 400);
    }

    void emptyAndMissing() {
        String cat = "empty and missing parameters";
        search(cat, "", 400);
        search(cat, "country=&from=2024-11-27&to=2024-11-29", 400);
        // from and to are optional (docs/api.md): an absent or empty one is an open end (SearchTest).
        search(cat, "from=2024-11-27&to=2024-11-29", 400);
        for (String p : List.of("limit", "cursor")) {
            search(cat, with(SEARCH, p, p + "="), 400);
            search(cat, with(SEARCH, p, p), 400);
        }
        search(cat, SEARCH + "&actor=%20%20", 400);
        search(cat, SEARCH + "&=x", 400);
        figures(cat, "", 400);
        for (String p : List.of("country", "from", "to")) {
            figures(cat, with(FIGURES, p, p + "="), 400);
        }
        changes(cat, "", 400);
        changes(cat, "since=", 400);
        changes(cat, "since=%20", 400);
        changes(cat, SINCE + "&limit=", 400);
        report(cat, "revision=", 400);
        report(cat, "revision", 400);
    }

    void repeated() {
        String cat = "repeated parameters";
        for (String p : List.of("country=SYR", "from=2024-11-27", "to=2024-11-29", "limit=5", "status=accepted",
                "eventType=battles", "actor=x", "cursor=x")) {
            search(cat, SEARCH + "&" + p + (SEARCH.contains(p.split("=")[0] + "=") ? "" : "&" + p), 400);
        }
        for (String p : List.of("country=SYR", "admin1=SY02", "from=2024-11-27", "to=2024-11-29", "metric=killed")) {
            figures(cat, FIGURES + "&" + p + (p.startsWith("metric") ? "&" + p : ""), 400);
        }
        changes(cat, SINCE + "&since=2025-01-01T00:00:00Z", 400);
        changes(cat, SINCE + "&limit=1&limit=2", 400);
        report(cat, "revision=1&revision=2", 400);
        report(cat, "revision=1&revision=1", 400);
    }

    void huge() {
        String cat = "huge values";
        String big = "9".repeat(30);
        search(cat, with(SEARCH, "limit", "limit=" + big), 400);
        search(cat, with(SEARCH, "limit", "limit=2147483648"), 400);
        changes(cat, SINCE + "&limit=" + big, 400);
        search(cat, with(SEARCH, "country", "country=" + "A".repeat(5000)), 400);
        search(cat, "admin1=SY" + "0".repeat(40) + "&from=2024-11-27&to=2024-11-29", 400);
        search(cat, SEARCH + "&actor=" + "x".repeat(201), 400);
        search(cat, SEARCH + "&actor=" + "x".repeat(20_000), 400);
        search(cat, SEARCH + "&eventType=" + "battles,".repeat(2000) + "bogus", 400);
        search(cat, SEARCH + "&status=" + "x".repeat(10_000), 400);
        figures(cat, FIGURES.replace("admin1=SY02", "admin1=SY" + "0".repeat(40)), 400);
        changes(cat, "since=" + "2".repeat(5000), 400);
        report(cat, "revision=" + big, 400);
        report(cat, "revision=1000000000", 400);
    }

    void negativeAndLimits() {
        String cat = "negative numbers and limits";
        for (String v : List.of("0", "-1", "-0", "501", "1000", "-2147483648", "2147483647")) {
            search(cat, with(SEARCH, "limit", "limit=" + v), 400);
        }
        for (String v : List.of("0", "-1", "1001")) {
            changes(cat, SINCE + "&limit=" + v, 400);
        }
        for (String v : List.of("0", "-1", "-0", "00", "01", "1.0")) {
            report(cat, "revision=" + v, 400);
        }
    }

    void nonAscii() {
        String cat = "non-ASCII";
        String arabicFive = "%D9%A5"; // U+0665 ARABIC-INDIC DIGIT FIVE
        String fullwidthSyr = "%EF%BC%B3%EF%BC%B9%EF%BC%B2";
        search(cat, with(SEARCH, "limit", "limit=" + arabicFive), 400);
        search(cat, with(SEARCH, "limit", "limit=%EF%BC%95"), 400); // fullwidth 5
        changes(cat, SINCE + "&limit=" + arabicFive, 400);
        report(cat, "revision=" + arabicFive, 400);
        report(cat, "revision=%EF%BC%91", 400);
        search(cat, with(SEARCH, "country", "country=" + fullwidthSyr), 400);
        figures(cat, with(FIGURES, "country", "country=" + fullwidthSyr), 400);
        search(cat, with(SEARCH, "country", "country=%D8%B3%D9%88%D8%B1"), 400);
        search(cat, with(SEARCH, "from", "from=%D9%A2%D9%A0%D9%A2%D9%A4-11-27"), 400);
        figures(cat, with(FIGURES, "from", "from=%D9%A2%D9%A0%D9%A2%D9%A4-11-27"), 400);
        search(cat, SEARCH + "&status=acc%C3%A9pted", 400);
        search(cat, SEARCH + "&%D8%A8%D9%84%D8%AF=SYR", 400);
        changes(cat, "since=%D9%A2%D9%A0%D9%A2%D9%A4-01-01T00:00:00Z", 400);
        search(cat, with(SEARCH, "country", "country=SY%E2%80%8BR"), 400); // zero-width space
        search(cat, with(SEARCH, "country", "country=SYR%ED%A0%80"), 400); // an encoded lone surrogate
    }

    void injections() {
        String cat = "injection and traversal strings";
        for (String s : INJECTIONS) {
            search(cat, with(SEARCH, "country", "country=" + s), 400);
            search(cat, "admin1=" + s + "&from=2024-11-27&to=2024-11-29", 400);
            search(cat, SEARCH + "&status=" + s, 400);
            search(cat, with(SEARCH, "from", "from=" + s), 400);
            search(cat, with(SEARCH, "cursor", "cursor=" + s), 400);
            figures(cat, with(FIGURES, "admin1", "admin1=" + s), 400);
            changes(cat, "since=" + s, 400);
            report(cat, "revision=" + s, 400);
            search(cat, SEARCH + "&" + s + "=1", 400);
        }
    }

    void dates() {
        String cat = "dates out of range or invalid";
        for (String d : List.of("2024-02-30", "2023-02-29", "2024-11-31", "2024-13-01", "2024-00-10", "2024-11-00",
                "99999-01-01", "%2B99999-01-01", "-2024-01-01", "0-01-01", "0000-00-00", "2024-1-1", "24-11-27",
                "%202024-11-27", "2024-11-27%20", "2024-W48-3", "2024-332", "2024/11/27", "20241127",
                "2024-11-27T00:00:00Z")) {
            search(cat, with(SEARCH, "from", "from=" + d), 400);
            figures(cat, with(FIGURES, "to", "to=" + d), 400);
        }
        search(cat, with(with(SEARCH, "from", "from=2024-11-30"), "to", "to=2024-11-29"), 400);
        figures(cat, with(with(FIGURES, "from", "from=2024-11-30"), "to", "to=2024-11-29"), 400);
        // Windows of valid length in years a date may not have: signed or expanded years.
        figures(cat, with(with(FIGURES, "from", "from=%2B99999-01-01"), "to", "to=%2B99999-01-02"), 400);
        figures(cat, with(with(FIGURES, "from", "from=-2024-01-01"), "to", "to=-2024-01-02"), 400);
        figures(cat, with(with(FIGURES, "from", "from=%2B2024-01-01"), "to", "to=%2B2024-01-02"), 400);
        for (String s : List.of("2024-02-30T00:00:00Z", "2024-11-01T25:00:00Z", "%2B99999-01-01T00:00:00Z",
                "-2024-01-01T00:00:00Z", "2024-11-01T00:00:00", "2024-11-01%2000:00:00Z")) {
            changes(cat, "since=" + s, 400);
        }
    }

    void figuresWindows() {
        String cat = "figures windows over 366 days";
        for (String w : List.of("from=2023-01-01&to=2024-01-02", "from=2023-01-01&to=2024-12-31",
                "from=0000-01-01&to=2024-11-29", "from=2000-01-01&to=9999-12-31", "from=2024-01-01&to=2025-01-02")) {
            figures(cat, "country=SYR&admin1=SY02&" + w, 400);
        }
    }

    void cursors() {
        String cat = "tampered cursors";
        // Bit flips, truncation, extension of a real search cursor: done on the string at run time
        // through markers that HostileTest expands (see flips()).
        for (int i = 0; i < 8; i++) {
            add(cat, "search cursor, bit flip " + i, "/v1/reports", SEARCH + "&limit=1&cursor={flip" + i + "}", Map.of(),
                    400, true);
        }
        for (String t : List.of("{trunc1}", "{trunc-half}", "{trunc10}", "{searchCursor}A", "{searchCursor}%3D",
                "{searchCursor}{searchCursor}")) {
            add(cat, "search cursor " + t, "/v1/reports", SEARCH + "&limit=1&cursor=" + t, Map.of(), 400, true);
        }
        add(cat, "search cursor on another area", "/v1/reports",
                "admin1=SY02&from=2024-11-27&to=2024-11-29&limit=1&cursor={searchCursor}", Map.of(), 400, true);
        add(cat, "search cursor on another window", "/v1/reports",
                "country=SYR&from=2024-11-27&to=2024-11-30&limit=1&cursor={searchCursor}", Map.of(), 400, true);
        add(cat, "search cursor with a filter added", "/v1/reports",
                SEARCH + "&status=accepted&limit=1&cursor={searchCursor}", Map.of(), 400, true);
        add(cat, "feed cursor on search", "/v1/reports", SEARCH + "&cursor={feedCursor}", Map.of(), 400, true);
        add(cat, "search cursor as since", "/v1/changes", "since={searchCursor}", Map.of(), 400, true);
        add(cat, "feed cursor, bit flip", "/v1/changes", "since={feedflip}", Map.of(), 400, true);
        add(cat, "feed cursor, truncated", "/v1/changes", "since={feedtrunc}", Map.of(), 400, true);
        add(cat, "feed cursor on figures", "/v1/figures", FIGURES + "&cursor={feedCursor}", Map.of(), 400, true);
        String garbage = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "search\nxxxxxxxxxxxxxxxxxxxxxx\n2024-11-27#01JDR000000000000000000001".getBytes(StandardCharsets.UTF_8))
                + "A".repeat(43);
        for (String g : List.of("!!!!", "AAAA", "%3D%3D%3D%3D", garbage, "A".repeat(5000), "%2B%2F%2B%2F",
                "eyJhbGciOiJub25lIn0", "null", "0", "%00%00")) {
            search(cat, SEARCH + "&cursor=" + g, 400);
            if (!g.equals("0")) {
                changes(cat, "since=" + g, 400);
            }
        }
    }

    void ids() {
        String cat = "malformed ids and revisions";
        for (String id : List.of("..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f", "{id}%00", "R%23HEAD", "{id}%23HEAD",
                "01jdr000000000000000000001", "{id}X", "01JDR00000000000000000000I", "01JDR00000000000000000000U",
                "%3Ax", "%23n", "{id}%20", "%E2%80%AE{id}", "%252e%252e%252f", "~root", "%24%7Bjndi:ldap://x/a%7D",
                "{id}%0D%0A", "A".repeat(3000))) {
            add(cat, "report " + id, "/v1/reports/" + id, "", Map.of(), 404, true);
            add(cat, "revisions " + id, "/v1/reports/" + id + "/revisions", "", Map.of(), 404, true);
        }
        add(cat, "unknown id", "/v1/reports/01JDR000000000000000009999", "", Map.of(), 404, false);
        add(cat, "unknown id's revisions", "/v1/reports/01JDR000000000000000009999/revisions", "", Map.of(), 404, false);
        add(cat, "revision 3 of a 2-revision report", "/v1/reports/{id}", "revision=3", Map.of(), 404, false);
        add(cat, "revision 999999999", "/v1/reports/{id}", "revision=999999999", Map.of(), 404, false);
        add(cat, "a path under a report", "/v1/reports/{id}/figures", "", Map.of(), 404, true);
        add(cat, "a path under revisions", "/v1/reports/{id}/revisions/1", "", Map.of(), 404, true);
    }

    void accept() {
        String cat = "odd Accept headers";
        List<String> routes = List.of("/v1/reports/{id}", "/v1/reports/{id}/revisions", "/v1/changes", "/v1/figures",
                "/v1/figures/daily");
        List<String> queries = List.of("", "", SINCE, FIGURES, FIGURES);
        for (String a : List.of("application/xml", "image/png", "text/html", "text/csv", "application/geo+json")) {
            for (int i = 0; i < routes.size(); i++) {
                add(cat, routes.get(i) + " Accept " + a, routes.get(i), queries.get(i), Map.of("accept", a), 406, true);
            }
        }
        for (String a : List.of("application/xml", "image/png", "text/html", "text/csv;q=0", "*/*;q=0",
                "application/json;q=0, text/csv;q=0", "application/pdf, text/plain", "text/*;q=0, application/*;q=0")) {
            add(cat, "search Accept " + a, "/v1/reports", SEARCH, Map.of("accept", a), 406, true);
        }
    }

    void methods() {
        String cat = "wrong methods";
        for (String m : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String p : List.of("/v1/reports/{id}/revisions", "/v1/changes", "/v1/figures", "/v1/figures/daily")) {
                cases.add(new Case(cat, m + " " + p, m, p, "", Map.of(), 405, true));
            }
        }
        for (String m : List.of("PATCH", "TRACE", "FOO")) {
            cases.add(new Case(cat, m + " /v1/reports", m, "/v1/reports", SEARCH, Map.of(), 405, true));
            cases.add(new Case(cat, m + " /v1/reports/{id}", m, "/v1/reports/{id}", "", Map.of(), 405, true));
        }
    }

    void bearerTokens() {
        String cat = "invalid bearer tokens and forged claims";
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("alg none", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJlZCIsImNvZ25pdG86Z3JvdXBzIjpbImVkaXRvciJdfQ.");
        bad.put("HS256 self-signed", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlZCIsImNvZ25pdG86Z3JvdXBzIjpbImVkaXRvciJdfQ."
                + "c2lnbmF0dXJl");
        bad.put("not a JWT", "Bearer not.a.jwt");
        bad.put("empty bearer", "Bearer ");
        bad.put("Basic", "Basic ZWQ6cGFzc3dvcmQ=");
        bad.put("bare token", "eyJhbGciOiJub25lIn0.e30.");
        bad.put("huge bearer", "Bearer " + "A".repeat(8000));
        bad.put("{wrongKey}", "Bearer {wrongKey}");
        bad.put("{expired}", "Bearer {expired}");
        bad.put("{wrongIssuer}", "Bearer {wrongIssuer}");
        bad.put("{noSubject}", "Bearer {noSubject}");
        List<String[]> routes = List.of(new String[] {"/v1/reports/{id}", ""}, new String[] {"/v1/reports/{id}/revisions", ""},
                new String[] {"/v1/reports", SEARCH}, new String[] {"/v1/changes", SINCE},
                new String[] {"/v1/figures", FIGURES}, new String[] {"/v1/figures/daily", FIGURES});
        for (var b : bad.entrySet()) {
            for (String[] r : routes) {
                add(cat, r[0] + " " + b.getKey(), r[0], r[1], Map.of("authorization", b.getValue()), 401, true);
            }
        }
        add(cat, "csv export with a forged token", "/v1/reports", SEARCH,
                Map.of("authorization", bad.get("alg none"), "accept", "text/csv"), 401, true);
    }

    void oversized() {
        String cat = "oversized query strings";
        for (int n : new int[] {5_000, 20_000, 100_000}) {
            search(cat, SEARCH + "&pad=" + "x".repeat(n), 400);
            figures(cat, FIGURES + "&pad=" + "x".repeat(n), 400);
            changes(cat, SINCE + "&pad=" + "x".repeat(n), 400);
        }
        search(cat, SEARCH + "&status=accepted".repeat(2000), 400);
        StringBuilder many = new StringBuilder(SEARCH);
        for (int i = 0; i < 3000; i++) {
            many.append("&p").append(i).append("=1");
        }
        search(cat, many.toString(), 400);
    }
}
