package org.conflictledger.domain.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;

/** The wire and storage form of a stored report: the report's fields plus the server-owned ones, flat. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = Json.mapper();
    /** The same mapper with every object's fields in name order: one text per report content. */
    private static final ObjectMapper CANONICAL = Json.mapper().copy()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ReportJson() {
    }

    public static ObjectNode toNode(StoredReport r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", r.id());
        node.put("revision", r.revision());
        node.put("status", r.status().toString());
        if (r.submittedBy() != null) {
            node.put("submittedBy", r.submittedBy());
        }
        node.put("receivedAt", r.receivedAt().toString());
        node.put("updatedAt", r.updatedAt().toString());
        if (r.statusNote() != null) {
            node.put("statusNote", r.statusNote());
        }
        node.setAll((ObjectNode) MAPPER.valueToTree(r.report()));
        return node;
    }

    public static String write(StoredReport r) {
        try {
            return MAPPER.writeValueAsString(toNode(r));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The report's content as one canonical text: fields in name order, absent and null fields
     * left out, no whitespace, no server-owned field. Equal reports give equal texts in every JVM;
     * imports compare reports through it (docs/data-model.md, "External ids").
     */
    public static String canonical(Report r) {
        try {
            return CANONICAL.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the storage form back; it was written by {@link #write}, so it is trusted. */
    public static StoredReport read(String json) {
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(json);
            String id = node.remove("id").asText();
            int revision = node.remove("revision").asInt();
            var status = MAPPER.treeToValue(node.remove("status"), Status.class);
            var by = node.remove("submittedBy");
            var received = Instant.parse(node.remove("receivedAt").asText());
            var updated = Instant.parse(node.remove("updatedAt").asText());
            var note = node.remove("statusNote");
            Report report = MAPPER.treeToValue(node, Report.class);
            return new StoredReport(id, revision, status, by == null ? null : by.asText(), received, updated,
                    note == null ? null : note.asText(), report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
