package org.conflictledger.testing;


/** Realistic report bodies for function tests (the docs/api.md example and variants). */
public final class Samples {

    private Samples() {
    }

    /** docs/api.md's example: a monitor's period total for Aleppo governorate. */
    public static String periodTotal() {
        return """
            {
              "scope": "period_total",
              "incidentKey": null,
              "externalId": null,
              "source": {
                "kind": "monitor",
                "name": "Syrian Observatory for Human Rights",
                "url": "https://example.org/article/123",
                "publishedAt": "2024-11-29T18:00:00Z",
                "protected": false
              },
              "period": { "start": "2024-11-27", "end": "2024-11-29" },
              "datePrecision": "day",
              "place": {
                "country": "SYR", "admin1": "SY02", "admin2": null,
                "name": "Aleppo", "lat": null, "lon": null, "precision": "admin1"
              },
              "eventType": "battles",
              "subEventType": "non_state_actor_overtakes_territory",
              "actors": [ { "name": "Hayat Tahrir al-Sham", "type": "rebel_group", "side": "a" } ],
              "figures": [
                { "metric": "killed", "group": "all", "value": 255, "qualifier": "exact",
                  "text": "255 killed, mostly combatants" }
              ],
              "territory": null,
              "summary": "Free text, any language.",
              "language": "en",
              "tags": ["aleppo-offensive-2024"]
            }
            """;
    }

    /** One airstrike seen by a protected witness, with an exact point and Arabic text. */
    public static String incident(String day, String admin2, long killed, String sourceName) {
        return """
            {
              "scope": "incident",
              "source": { "kind": "witness", "name": "%s", "publishedAt": "%sT20:00:00Z", "protected": true },
              "period": { "start": "%s", "end": "%s" },
              "datePrecision": "day",
              "place": { "country": "SYR", "admin1": "SY02", "admin2": "%s", "name": "حلب",
                         "lat": 36.2021, "lon": 37.1343, "precision": "exact" },
              "eventType": "explosions_remote_violence",
              "subEventType": "air_drone_strike",
              "actors": [ { "name": "Syrian Arab Air Force", "type": "state_forces", "side": "a" } ],
              "figures": [ { "metric": "killed", "group": "civilians", "value": %d, "qualifier": "at_least" } ],
              "summary": "غارة جوية على حي سكني",
              "language": "ar"
            }
            """.formatted(sourceName, day, day, day, admin2, killed);
    }
}
