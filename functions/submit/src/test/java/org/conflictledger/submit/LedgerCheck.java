package org.conflictledger.submit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whole-table invariants of the submit side: every report change is all there or not there at
 * all. Head, every revision, one feed entry per revision, the incident-day or non-incident index
 * item, the day's marker, and idempotency records that point at stored revisions.
 */
final class LedgerCheck {

    private LedgerCheck() {
    }

    /** What is half-written; empty when the table is consistent. */
    static List<String> halfWritten(List<Map<String, AttributeValue>> items) {
        List<String> out = new ArrayList<>();
        Map<String, Map<String, String>> reports = new HashMap<>();
        Set<String> feed = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (var i : items) {
            String pk = i.get("pk").s();
            String sk = i.get("sk").s();
            keys.add(pk + " " + sk);
            if (pk.startsWith("R#")) {
                reports.computeIfAbsent(pk.substring(2), k -> new HashMap<>()).put(sk, i.get("doc").s());
            } else if (pk.startsWith("F#")) {
                if (!feed.add(i.get("id").s() + "#" + i.get("rev").n())) {
                    out.add("two feed entries for " + i.get("id").s() + " revision " + i.get("rev").n());
                }
            }
        }
        Set<String> revisions = new HashSet<>();
        for (var r : reports.entrySet()) {
            String id = r.getKey();
            String head = r.getValue().get(Keys.HEAD);
            if (head == null) {
                out.add(id + ": revisions without a head");
                continue;
            }
            StoredReport h = ReportJson.read(head);
            for (int rev = 1; rev <= h.revision(); rev++) {
                String doc = r.getValue().get(Keys.revision(rev));
                if (doc == null) {
                    out.add(id + ": revision " + rev + " missing");
                }
                revisions.add(id + "#" + rev);
            }
            if (r.getValue().size() != h.revision() + 1) {
                out.add(id + ": " + (r.getValue().size() - 1) + " revisions stored, head says " + h.revision());
            }
            if (!head.equals(r.getValue().get(Keys.revision(h.revision())))) {
                out.add(id + ": head differs from its revision " + h.revision());
            }
            String country = h.report().place().country();
            if (h.report().scope() == Scope.INCIDENT) {
                String day = Keys.day(country, h.report().period().start());
                if (h.counts() && !keys.contains(day + " " + Keys.dayMember(id))) {
                    out.add(id + ": counting incident missing from " + day);
                }
                if (!keys.contains(Keys.MARKERS + " " + Keys.marker(country, h.report().period().start()))) {
                    out.add(id + ": no marker for its day");
                }
            } else if (h.counts() && !keys.contains(Keys.nonIncidents(country) + " " + Keys.nonIncidentSort(h))) {
                out.add(id + ": counting report missing from " + Keys.nonIncidents(country));
            }
        }
        if (!feed.equals(revisions)) {
            Set<String> extra = new HashSet<>(feed);
            extra.removeAll(revisions);
            Set<String> missing = new HashSet<>(revisions);
            missing.removeAll(feed);
            out.add("feed entries without revisions " + extra + ", revisions without feed entries " + missing);
        }
        for (var i : items) {
            String pk = i.get("pk").s();
            String sk = i.get("sk").s();
            if ((pk.startsWith("D#") || pk.startsWith("N#")) && !sk.equals(Keys.META)) {
                String id = sk.startsWith("R#") ? sk.substring(2) : sk.substring(sk.indexOf('#') + 1);
                String head = reports.getOrDefault(id, Map.of()).get(Keys.HEAD);
                if (head == null || !head.equals(i.get("doc").s())) {
                    out.add(pk + " " + sk + ": index item without its report's current revision");
                }
            }
            if (pk.startsWith("I#") && i.containsKey("rid")
                    && !reports.getOrDefault(i.get("rid").s(), Map.of()).containsKey(Keys.revision(Integer.parseInt(i.get("rev").n())))) {
                out.add(pk + ": idempotency record of a revision that is not stored");
            }
        }
        return out;
    }

    static long reports(List<Map<String, AttributeValue>> items) {
        return items.stream().filter(i -> i.get("pk").s().startsWith("R#") && i.get("sk").s().equals(Keys.HEAD)).count();
    }
}
