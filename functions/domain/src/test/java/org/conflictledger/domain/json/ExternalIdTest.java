package org.conflictledger.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.fixtures.SampleReports;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.domain.validation.ReportValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code externalId} (docs/api.md, "The report"): optional, 1..128 printable ASCII, stored as sent. */
class ExternalIdTest {

    private final ReportReader reader = new ReportReader(new ReportValidator(SampleReports.clock()));

    private Report read(ObjectNode tree) {
        return reader.read(tree.toString().getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acled:SYR12345", "ucdp-ged:512345", "x", "a b~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}"})
    void printableAsciiIsReadAndRoundTripsThroughStorage(String id) {
        ObjectNode t = SampleReports.validTree();
        t.put("externalId", id);
        Report r = read(t);
        assertEquals(id, r.externalId());
        StoredReport s = new StoredReport("01JDRZ5V7N3P2Q8R4S6T8V0001", 1, Status.RECEIVED, "u", SampleReports.NOW,
                SampleReports.NOW, null, r);
        assertEquals(s, ReportJson.read(ReportJson.write(s)));
        assertEquals(id, ReportJson.toNode(s).get("externalId").asText());
    }

    @Test
    void oneHundredTwentyEightCharactersAreTheLimit() {
        ObjectNode t = SampleReports.validTree();
        t.put("externalId", "a".repeat(128));
        assertEquals(128, read(t).externalId().length());
        t.put("externalId", "a".repeat(129));
        assertOnlyExternalIdError(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acled:\u00e9t\u00e9", "a\tb", "a\nb", "a\u007fb", "\u0627\u0644\u0634\u0627\u0645"})
    void emptyNonAsciiAndControlCharactersAreRejected(String id) {
        ObjectNode t = SampleReports.validTree();
        t.put("externalId", id);
        assertOnlyExternalIdError(t);
    }

    @Test
    void aNumberIsNotAnExternalId() {
        ObjectNode t = SampleReports.validTree();
        t.put("externalId", 12345);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(t));
        assertEquals(List.of("externalId"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void absentOrNullIsNoExternalIdAndIsNotWritten() {
        ObjectNode t = SampleReports.validTree();
        t.remove("externalId");
        Report r = read(t);
        assertNull(r.externalId());
        t.putNull("externalId");
        assertNull(read(t).externalId());
        StoredReport s = new StoredReport("01JDRZ5V7N3P2Q8R4S6T8V0001", 1, Status.RECEIVED, "u", SampleReports.NOW,
                SampleReports.NOW, null, r);
        assertFalse(ReportJson.toNode(s).has("externalId"));
    }

    private void assertOnlyExternalIdError(ObjectNode t) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(t));
        assertEquals(List.of("externalId"), e.errors().stream().map(FieldError::field).toList(), () -> "" + e.errors());
        assertEquals("must be 1 to 128 printable ASCII characters", e.errors().get(0).message());
    }

    @Test
    void theCanonicalTextIsSortedCompactAndIndependentOfFieldOrder() {
        ObjectNode t = SampleReports.validTree();
        t.put("externalId", "acled:SYR1");
        String canonical = ReportJson.canonical(read(t));
        // The same content sent with its fields in another order.
        ObjectNode reordered = JsonNodeFactory.instance.objectNode();
        List<String> names = new ArrayList<>();
        t.fieldNames().forEachRemaining(names::add);
        Collections.reverse(names);
        names.forEach(n -> reordered.set(n, t.get(n)));
        assertEquals(canonical, ReportJson.canonical(read(reordered)));
        assertEquals(true, canonical.startsWith("{\"actors\":[{"), canonical);
        assertEquals(true, canonical.indexOf("\"externalId\"") < canonical.indexOf("\"figures\""), canonical);
        assertFalse(canonical.contains("null"), canonical);
        assertFalse(canonical.contains("\n"), canonical);
    }
}
