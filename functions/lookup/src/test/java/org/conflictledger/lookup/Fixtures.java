package org.conflictledger.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.store.ReportStore;

/**
 * Realistic reports with fixed ids, written through {@link ReportStore} exactly as the submit
 * function writes them. The window most tests search is 2024-11-27..2024-11-29 in SY02 (Aleppo).
 */
final class Fixtures {

    static final String FROM = "2024-11-27";
    static final String TO = "2024-11-29";

    static String id(int n) {
        return String.format("01JDR%021d", n);
    }

    /** Aleppo: a protected witness's airstrike with an exact point and Arabic text (in the window). */
    static final String A = id(1);
    /** docs/api.md's period total 27..29 November (in). */
    static final String B = id(2);
    /** 20..27 November: starts before from, ends on it (in). */
    static final String C = id(3);
    /** 29 November..5 December: ends after to, a near point (in). */
    static final String D = id(4);
    /** All of November and December: spans the window (in), a stock. */
    static final String E = id(5);
    /** One day on from (in), a protest. */
    static final String F = id(6);
    /** One day after to (out). */
    static final String G = id(7);
    /** 20..26 November: ends the day before from (out). */
    static final String H = id(8);
    /** Damascus SY01, in the window: in for SYR, out for SY02. */
    static final String I = id(9);
    /** Sudan, in the window (out for SYR). */
    static final String J = id(10);
    /** One day on to (in), later rejected by an editor. */
    static final String K = id(11);

    /** In SY02 and the window, in period-start-then-id order. */
    static final List<String> ALEPPO_WINDOW = List.of(E, C, B, F, A, D, K);

    static final Map<String, String> OWNERS = new LinkedHashMap<>();

    private Fixtures() {
    }

    static String body(String scope, String kind, String sourceName, boolean protectedSource, String start,
                       String end, String country, String admin1, String admin2, String name, String point,
                       String precision, String eventType, String subEventType, String actor, String figures,
                       String summary, String language) {
        String place = "\"country\": \"%s\"%s%s, \"name\": \"%s\"%s, \"precision\": \"%s\"".formatted(country,
                admin1 == null ? "" : ", \"admin1\": \"" + admin1 + "\"",
                admin2 == null ? "" : ", \"admin2\": \"" + admin2 + "\"", name,
                point == null ? "" : ", " + point, precision);
        return """
            {
              "scope": "%s",
              "source": { "kind": "%s", "name": "%s", "url": "https://example.org/%s",
                          "publishedAt": "2024-12-10T08:00:00Z", "protected": %s },
              "period": { "start": "%s", "end": "%s" },
              "datePrecision": "day",
              "place": { %s },
              "eventType": "%s",
              "subEventType": "%s",
              "actors": [ { "name": "%s", "type": "state_forces", "side": "a" } ],
              "figures": [ %s ],
              "summary": "%s",
              "language": "%s"
            }
            """.formatted(scope, kind, sourceName, sourceName.hashCode() & 0xffff, protectedSource, start, end, place,
                eventType, subEventType, actor, figures, summary, language);
    }

    static String killed(long n) {
        return "{ \"metric\": \"killed\", \"group\": \"all\", \"value\": " + n + ", \"qualifier\": \"at_least\" }";
    }

    /** Every fixture report body by id, with its submitter. */
    static Map<String, String[]> bodies() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put(A, new String[] {"rep-1", body("incident", "witness", "شاهد عيان", true, "2024-11-28", "2024-11-28",
                "SYR", "SY02", "SY0200", "حلب", "\"lat\": 36.2021, \"lon\": 37.1343", "exact",
                "explosions_remote_violence", "air_drone_strike", "Syrian Arab Air Force",
                killed(12) + ", { \"metric\": \"killed\", \"group\": \"children\", \"value\": 4, \"qualifier\": \"exact\" }",
                "غارة جوية على حي سكني، \\\"مقتل\\\" 12 مدنياً", "ar")});
        m.put(B, new String[] {"rep-2", body("period_total", "monitor", "Syrian Observatory for Human Rights", false,
                "2024-11-27", "2024-11-29", "SYR", "SY02", null, "Aleppo", null, "admin1", "battles",
                "non_state_actor_overtakes_territory", "Hayat Tahrir al-Sham", killed(255),
                "255 killed, mostly combatants", "en")});
        m.put(C, new String[] {"rep-1", body("period_total", "un_agency", "OHCHR", false, "2024-11-20", "2024-11-27",
                "SYR", "SY02", "SY0201", "Azaz", null, "admin2", "violence_against_civilians", "attack",
                "Unidentified armed group", killed(27), "At least 27 civilians, \\\"credible reports\\\"", "en")});
        m.put(D, new String[] {"rep-2", body("period_total", "media", "Enab Baladi", false, "2024-11-29", "2024-12-05",
                "SYR", "SY02", "SY0200", "Aleppo city", "\"lat\": 36.19, \"lon\": 37.16", "near", "battles",
                "armed_clash", "Syrian Arab Army", killed(40), "Clashes on the city's western edge", "en")});
        m.put(E, new String[] {"rep-3", body("stock", "ngo", "OCHA partner", true, "2024-11-01", "2024-12-31", "SYR",
                "SY02", null, "Aleppo", null, "admin1", "strategic_developments", "other", "Syrian Arab Army",
                "{ \"metric\": \"displaced\", \"group\": \"all\", \"value\": 14000, \"qualifier\": \"approx\" }",
                "More than 14,000 people displaced", "en")});
        m.put(F, new String[] {"rep-3", body("incident", "media", "North Press", false, "2024-11-27", "2024-11-27",
                "SYR", "SY02", "SY0201", "Azaz", "\"lat\": 36.586, \"lon\": 37.047", "admin2", "protests",
                "peaceful_protest", "Protesters of Azaz", "", "=SUM(A1) protest against shelling", "en")});
        m.put(G, new String[] {"rep-1", body("incident", "witness", "Witness G", true, "2024-11-30", "2024-11-30",
                "SYR", "SY02", "SY0200", "حلب", "\"lat\": 36.2, \"lon\": 37.13", "exact", "explosions_remote_violence",
                "shelling_artillery_missile_attack", "Syrian Arab Army", killed(3), "قصف مدفعي", "ar")});
        m.put(H, new String[] {"rep-2", body("period_total", "monitor", "SNHR", false, "2024-11-20", "2024-11-26",
                "SYR", "SY02", null, "Aleppo", null, "admin1", "battles", "armed_clash", "Syrian Arab Army", killed(80),
                "Week before the offensive", "en")});
        m.put(I, new String[] {"rep-1", body("incident", "government", "SANA", false, "2024-11-28", "2024-11-28",
                "SYR", "SY01", "SY0100", "دمشق", null, "admin2", "explosions_remote_violence",
                "remote_explosive_landmine_ied", "Syrian Arab Army", killed(2), "انفجار عبوة ناسفة", "ar")});
        m.put(J, new String[] {"rep-2", body("incident", "ngo", "Sudan Doctors Network", false, "2024-11-28",
                "2024-11-28", "SDN", "SD01", null, "Khartoum", "\"lat\": 15.5, \"lon\": 32.56", "exact",
                "explosions_remote_violence", "shelling_artillery_missile_attack", "Rapid Support Forces", killed(9),
                "Shelling in Omdurman", "en")});
        m.put(K, new String[] {"rep-1", body("incident", "witness", "Witness K", true, "2024-11-29", "2024-11-29",
                "SYR", "SY02", "SY0200", "حلب", "\"lat\": 36.21, \"lon\": 37.15", "exact", "battles", "armed_clash",
                "Syrian Arab Army", killed(5), "اشتباكات", "ar")});
        return m;
    }

    static final Instant CREATED = Instant.parse("2024-12-10T09:00:00Z");

    /**
     * Writes every fixture: creations on 10 December 2024 (a second apart), then K rejected and
     * A accepted on 2 January 2025, B corrected and C retracted on 3 January 2025.
     */
    static void seed(ReportStore store) {
        ReportReader reader = new ReportReader(new ReportValidator(Clock.fixed(Instant.parse("2025-01-10T00:00:00Z"),
                ZoneOffset.UTC)));
        Map<String, StoredReport> made = new LinkedHashMap<>();
        int i = 0;
        for (var e : bodies().entrySet()) {
            Instant at = CREATED.plusSeconds(i++);
            StoredReport r = new StoredReport(e.getKey(), 1, Status.RECEIVED, e.getValue()[0], at, at, null,
                    reader.read(e.getValue()[1].getBytes(StandardCharsets.UTF_8)));
            store.create(r, null);
            OWNERS.put(e.getKey(), e.getValue()[0]);
            made.put(e.getKey(), r);
        }
        Instant jan2 = Instant.parse("2025-01-02T10:00:00Z");
        store.replace(made.get(K), made.get(K).next(Status.REJECTED, made.get(K).report(), jan2, "duplicate"),
                Change.Kind.REVIEWED, null);
        store.replace(made.get(A), made.get(A).next(Status.ACCEPTED, made.get(A).report(), jan2.plusSeconds(1), null),
                Change.Kind.REVIEWED, null);
        Instant jan3 = Instant.parse("2025-01-03T10:00:00Z");
        StoredReport b = made.get(B);
        store.replace(b, b.next(Status.RECEIVED, reader.read(bodies().get(B)[1].replace("255", "256")
                .getBytes(StandardCharsets.UTF_8)), jan3, null), Change.Kind.CORRECTED, null);
        StoredReport c = made.get(C);
        store.replace(c, c.next(Status.RETRACTED, c.report(), jan3.plusSeconds(1), "wrong governorate"),
                Change.Kind.RETRACTED, null);
    }

    /** Ids in the order of a list of JSON items. */
    static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("id").asText()));
        return out;
    }
}
