package org.conflictledger.submit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.validation.FieldError;

/**
 * A batch reply, bounded by construction: it is both the response and the idempotency record that
 * replays it, and a DynamoDB item holds at most 400 KB. 100 items each with hundreds of validation
 * errors made records of megabytes (issue 12, item 7), so the reply lists at most {@link #MAX_BYTES}
 * bytes: every failed item keeps its first error, later errors are listed in index order while
 * they fit, and an item whose list was cut ends with an error saying how many were left out.
 */
final class BatchResults {

    /** Of the record's 400 KB, leaving ample room for its key, body hash and TTL. */
    static final int MAX_BYTES = 300_000;
    /**
     * Encoded bytes of a field path or message beyond which it is cut (only an unknown field's
     * echoed name can get there), so that every item's first error fits: 100 x 1.5 KB < MAX_BYTES.
     */
    static final int MAX_FIELD_BYTES = 300;
    static final int MAX_MESSAGE_BYTES = 1_200;

    /**
     * One item's outcome: 201 with the id, or a 4xx with its errors (at least one); a 409 for a
     * duplicate externalId also names the live report that has it.
     */
    record Item(int index, int status, String id, List<FieldError> errors, String existingId) {
        Item(int index, int status, String id, List<FieldError> errors) {
            this(index, status, id, errors, null);
        }
    }

    private BatchResults() {
    }

    static String json(List<Item> items) {
        // Reserve what every item is owed whatever the others hold: itself, its first error, and the
        // "more errors" note; the rest of the budget goes to further errors in index order.
        long used = "{\"results\":[]}".length();
        for (Item item : items) {
            used += bytes(node(item, item.errors().isEmpty() ? 0 : 1)) + 1;
            if (item.errors().size() > 1) {
                used += bytes(error(omitted(item.errors().size() - 1))) + 1;
            }
        }
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode results = out.putArray("results");
        for (Item item : items) {
            ObjectNode node = node(item, item.errors().isEmpty() ? 0 : 1);
            int n = item.errors().size();
            if (n > 1) {
                ArrayNode errors = (ArrayNode) node.get("errors");
                long note = bytes(error(omitted(n - 1))) + 1;
                int listed = 1;
                while (listed < n) {
                    ObjectNode next = error(item.errors().get(listed));
                    long cost = bytes(next) + 1;
                    // The last error may use the note's reserved bytes, since it then needs no note.
                    long room = MAX_BYTES - used + (listed == n - 1 ? note : 0);
                    if (cost > room) {
                        break;
                    }
                    errors.add(next);
                    used += cost;
                    listed++;
                }
                if (listed < n) {
                    errors.add(error(omitted(n - listed)));
                } else {
                    used -= note;
                }
            }
            results.add(node);
        }
        return out.toString();
    }

    private static ObjectNode node(Item item, int errors) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("index", item.index());
        node.put("status", item.status());
        if (item.id() != null) {
            node.put("id", item.id());
        }
        if (item.existingId() != null) {
            node.put("existingId", item.existingId());
        }
        if (!item.errors().isEmpty()) {
            ArrayNode list = node.putArray("errors");
            for (int i = 0; i < errors; i++) {
                list.add(error(item.errors().get(i)));
            }
        }
        return node;
    }

    private static FieldError omitted(int count) {
        return new FieldError("", count + " more error(s) not listed: a batch reply lists at most " + MAX_BYTES
                + " bytes of results; send this report alone to POST /v1/reports to see every error");
    }

    private static ObjectNode error(FieldError e) {
        return Json.mapper().createObjectNode()
                .put("field", cut(e.field(), MAX_FIELD_BYTES))
                .put("message", cut(e.message(), MAX_MESSAGE_BYTES));
    }

    /** {@code s} cut to at most {@code max} bytes as JSON string content (escapes counted at their worst). */
    static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        int bytes = 0;
        int end = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            bytes += cp < 0x20 ? 6 : cp == '"' || cp == '\\' ? 2 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (end < 0 && bytes > max - 3) {
                end = i;
            }
            if (bytes > max) {
                return s.substring(0, end) + "…";
            }
            i += Character.charCount(cp);
        }
        return s;
    }

    private static long bytes(Object node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
