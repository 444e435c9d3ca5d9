package org.conflictledger.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.conflictledger.http.ApiException;
import org.conflictledger.http.Problem;

/** The search route's representations, chosen from Accept (quality values honoured). */
enum Formats {
    JSON("application/json"),
    CSV("text/csv"),
    GEOJSON("application/geo+json");

    final String mediaType;

    Formats(String mediaType) {
        this.mediaType = mediaType;
    }

    private record Range(String type, String subtype, double q, int order) {
    }

    /** No Accept, or *&#47;*: JSON. Nothing acceptable: 406. */
    static Formats negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<Range> ranges = new ArrayList<>();
        String[] parts = accept.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] params = parts[i].trim().split(";");
            String[] type = params[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
            if (type.length != 2) {
                continue;
            }
            double q = 1;
            for (int j = 1; j < params.length; j++) {
                String p = params[j].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            ranges.add(new Range(type[0].trim(), type[1].trim(), q, i));
        }
        Formats best = null;
        double bestQ = 0;
        int bestSpecificity = -1;
        for (Formats f : List.of(JSON, CSV, GEOJSON)) {
            String[] t = f.mediaType.split("/");
            // The most specific range that matches a format gives its quality (RFC 9110 12.5.1).
            double q = -1;
            int specificity = -1;
            for (Range r : ranges) {
                int s = r.type.equals("*") && r.subtype.equals("*") ? 0
                        : r.type.equals(t[0]) && r.subtype.equals("*") ? 1
                        : r.type.equals(t[0]) && r.subtype.equals(t[1]) ? 2 : -1;
                if (s > specificity) {
                    specificity = s;
                    q = r.q;
                }
            }
            if (q > bestQ || (q == bestQ && q > 0 && specificity > bestSpecificity)) {
                best = f;
                bestQ = q;
                bestSpecificity = specificity;
            }
        }
        if (best == null) {
            throw new ApiException(Problem.of(406, "http-406", "Not Acceptable",
                    "this route produces application/json, text/csv and application/geo+json"));
        }
        return best;
    }
}
