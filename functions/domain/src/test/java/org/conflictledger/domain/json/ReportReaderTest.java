package org.conflictledger.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.conflictledger.domain.ActorType;
import org.conflictledger.domain.DatePrecision;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Qualifier;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.Side;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.SubEventType;
import org.conflictledger.domain.fixtures.SampleReports;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.domain.validation.ReportValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bytes to report: strict JSON, shape errors with their path, then every validator rule. */
class ReportReaderTest {

    private final ReportReader reader = new ReportReader(new ReportValidator(SampleReports.clock()));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<FieldError> errors(byte[] body) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read(body));
        assertTrue(!e.errors().isEmpty(), "an InvalidInputException always names a field");
        return e.errors();
    }

    private List<FieldError> errors(String body) {
        return errors(utf8(body));
    }

    private FieldError onlyError(String body) {
        List<FieldError> errors = errors(body);
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    private FieldError onlyError(byte[] body) {
        List<FieldError> errors = errors(body);
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    /** The example with one textual replacement, which must apply. */
    private static String example(String from, String to) {
        String v = SampleReports.VALID_JSON;
        assertTrue(v.contains(from), from);
        return v.replace(from, to);
    }

    // ---- the example ----------------------------------------------------------------------------

    @Test
    void apiMdExampleIsRead() {
        Report r = reader.read(SampleReports.validBytes());
        assertEquals(SampleReports.valid(), r);
        assertEquals(Scope.PERIOD_TOTAL, r.scope());
        assertEquals("Syrian Observatory for Human Rights", r.source().name());
        assertEquals(SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY, r.subEventType());
        assertEquals(255L, r.figures().get(0).value());
        assertEquals(false, r.source().protectedSource());
    }

    @Test
    void protectedDefaultsToFalse() {
        Report r = reader.read(utf8(example(",\n    \"protected\": false", "")));
        assertTrue(!r.source().isProtected());
    }

    @Test
    void validatorErrorsArePassedThroughWithTheirPaths() {
        ObjectNode t = SampleReports.validTree();
        ((ObjectNode) t.get("place")).put("admin2", "SY0300");
        t.put("summary", "x".repeat(4001));
        List<FieldError> errors = errors(SampleReports.bytes(t));
        assertEquals(List.of("place.admin2", "summary"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    void prefixNamesAReportInsideABatch() throws Exception {
        JsonNode batch = reader.tree(utf8("{\"reports\":[" + SampleReports.VALID_JSON + ","
                + example("\"country\": \"SYR\"", "\"country\": \"syr\"") + "]}"));
        assertEquals(SampleReports.valid(), reader.read(batch.get("reports").get(0), "reports[0]."));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> reader.read(batch.get("reports").get(1), "reports[1]."));
        assertEquals("reports[1].place.country", e.errors().get(0).field());
        InvalidInputException shape = assertThrows(InvalidInputException.class,
                () -> reader.read(reader.tree(utf8("[1]")).get(0), "reports[2]."));
        assertEquals("reports[2]", shape.errors().get(0).field());
    }

    // ---- enums: every bad value names the allowed ones -------------------------------------------

    static Stream<Arguments> enumFields() {
        return Stream.of(
                Arguments.of("\"scope\": \"period_total\"", "\"scope\": \"%s\"", "scope", Scope.values()),
                Arguments.of("\"kind\": \"monitor\"", "\"kind\": \"%s\"", "source.kind", SourceKind.values()),
                Arguments.of("\"datePrecision\": \"day\"", "\"datePrecision\": \"%s\"", "datePrecision",
                        DatePrecision.values()),
                Arguments.of("\"precision\": \"admin1\"", "\"precision\": \"%s\"", "place.precision",
                        PlacePrecision.values()),
                Arguments.of("\"eventType\": \"battles\"", "\"eventType\": \"%s\"", "eventType", EventType.values()),
                Arguments.of("\"subEventType\": \"non_state_actor_overtakes_territory\"", "\"subEventType\": \"%s\"",
                        "subEventType", SubEventType.values()),
                Arguments.of("\"type\": \"rebel_group\"", "\"type\": \"%s\"", "actors[0].type", ActorType.values()),
                Arguments.of("\"side\": \"a\"", "\"side\": \"%s\"", "actors[0].side", Side.values()),
                Arguments.of("\"metric\": \"killed\"", "\"metric\": \"%s\"", "figures[0].metric", Metric.values()),
                Arguments.of("\"group\": \"all\"", "\"group\": \"%s\"", "figures[0].group", Group.values()),
                Arguments.of("\"qualifier\": \"exact\"", "\"qualifier\": \"%s\"", "figures[0].qualifier",
                        Qualifier.values()));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("enumFields")
    void badEnumValueIsRejectedListingTheAllowedValues(String from, String template, String field, Object[] allowed) {
        for (String bad : List.of("nope", "", "KILLED", "Battles", "PERIOD_TOTAL", "MONITOR", "A", "all ", " exact")) {
            FieldError e = onlyError(example(from, String.format(template, bad)));
            assertEquals(field, e.field(), bad);
            for (Object value : allowed) {
                assertTrue(e.message().contains(value.toString()), () -> e.message() + " lacks " + value);
            }
        }
        // numbers are not enum values either
        FieldError e = onlyError(example(from, String.format(template, "x").replace("\"x\"", "1")));
        assertEquals(field, e.field());
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("enumFields")
    void everyAllowedEnumValueIsReadByItsWireName(String from, String template, String field, Object[] allowed) {
        for (Object value : allowed) {
            String json = example(from, String.format(template, value));
            try {
                reader.read(utf8(json));
            } catch (InvalidInputException e) {
                // a wire name may break another rule (a sub-type of another type, ...), never its own field's shape
                assertTrue(e.errors().stream().noneMatch(f -> f.field().equals(field) && f.message().startsWith("must be one of")),
                        () -> value + ": " + e.errors());
            }
        }
    }

    @Test
    void territoryQualifierIsAnEnumToo() {
        ObjectNode t = SampleReports.validTree();
        t.put("scope", "territory_change");
        t.putObject("territory").put("placesCount", 50).put("qualifier", "lots");
        FieldError e = onlyError(SampleReports.bytes(t));
        assertEquals("territory.qualifier", e.field());
        assertTrue(e.message().contains("at_least") && e.message().contains("approx"), e.message());
    }

    // ---- numbers -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1e3", "1E3", "255.0", "-0.5", "2.5e2", "\"10\"", "\"255\"", "true", "[255]",
            "{\"v\":1}", "\"\"", "99999999999999999999", "9223372036854775808", "-9223372036854775809"})
    void valueMustBeAJsonInteger(String value) {
        FieldError e = onlyError(example("\"value\": 255", "\"value\": " + value));
        assertEquals("figures[0].value", e.field(), e::toString);
    }

    @Test
    void absurdlyLongNumbersAreMalformedJson() {
        FieldError e = onlyError(example("\"value\": 255", "\"value\": 1" + "0".repeat(100)));
        assertEquals("body", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "10000001", "9223372036854775807"})
    void valueOutOfRangeIsA400(String value) {
        assertEquals("figures[0].value", onlyError(example("\"value\": 255", "\"value\": " + value)).field());
    }

    @Test
    void tenMillionIsTheLargestValue() {
        assertEquals(10_000_000L, reader.read(utf8(example("\"value\": 255", "\"value\": 10000000")))
                .figures().get(0).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+1", ".5", "01", "0x1F"})
    void nonJsonNumbersAreMalformed(String lat) {
        FieldError e = onlyError(example("\"lat\": null, \"lon\": null", "\"lat\": " + lat + ", \"lon\": 1"));
        assertEquals("body", e.field());
        assertTrue(e.message().startsWith("malformed JSON"), e.message());
    }

    @Test
    void coordinatesAreNumbersNotStrings() {
        assertEquals("place.lat", onlyError(example("\"lat\": null", "\"lat\": \"36.2\"")).field());
    }

    @Test
    void hugeExponentIsOutOfRange() {
        assertEquals("place.lat", onlyError(example("\"lat\": null, \"lon\": null", "\"lat\": 1e400, \"lon\": 1")).field());
    }

    @Test
    void instantsWithFractionsOrOffsetsAreReadAsTheSameInstant() {
        assertEquals(Instant.parse("2024-11-29T18:00:00.500Z"), reader.read(utf8(example(
                "\"2024-11-29T18:00:00Z\"", "\"2024-11-29T18:00:00.5Z\""))).source().publishedAt());
        assertEquals(Instant.parse("2024-11-29T15:00:00Z"), reader.read(utf8(example(
                "\"2024-11-29T18:00:00Z\"", "\"2024-11-29T18:00:00+03:00\""))).source().publishedAt());
    }

    // ---- other wrong types -----------------------------------------------------------------------

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("\"name\": \"Aleppo\"", "\"name\": 5", "place.name"),
                Arguments.of("\"name\": \"Aleppo\"", "\"name\": true", "place.name"),
                Arguments.of("\"name\": \"Aleppo\"", "\"name\": [\"Aleppo\"]", "place.name"),
                Arguments.of("\"protected\": false", "\"protected\": \"false\"", "source.protected"),
                Arguments.of("\"protected\": false", "\"protected\": 0", "source.protected"),
                Arguments.of("[\"aleppo-offensive-2024\"]", "\"aleppo-offensive-2024\"", "tags"),
                Arguments.of("[\"aleppo-offensive-2024\"]", "[1]", "tags[0]"),
                Arguments.of("\"start\": \"2024-11-27\"", "\"start\": \"2024-13-01\"", "period.start"),
                Arguments.of("\"start\": \"2024-11-27\"", "\"start\": \"27/11/2024\"", "period.start"),
                Arguments.of("\"start\": \"2024-11-27\"", "\"start\": 20241127", "period.start"),
                Arguments.of("\"end\": \"2024-11-29\"", "\"end\": \"2024-02-30\"", "period.end"),
                Arguments.of("\"start\": \"2024-11-27\"", "\"start\": \"2024-11-27T10:00:00\"", "period.start"),
                Arguments.of("\"start\": \"2024-11-27\"", "\"start\": \"2024-11-27T10:00:00Z\"", "period.start"),
                Arguments.of("\"start\": \"2024-11-27\"", "\"start\": \"2024-11-27 \"", "period.start"),
                Arguments.of("\"start\": \"2024-11-27\"", "\"start\": \"+2024-11-27\"", "period.start"),
                Arguments.of("\"start\": \"2024-11-27\"", "\"start\": \"2024-1-27\"", "period.start"),
                Arguments.of("\"start\": \"2024-11-27\"", "\"start\": [2024, 11, 27]", "period.start"),
                Arguments.of("\"publishedAt\": \"2024-11-29T18:00:00Z\"", "\"publishedAt\": \"1732903200\"",
                        "source.publishedAt"),
                Arguments.of("\"publishedAt\": \"2024-11-29T18:00:00Z\"", "\"publishedAt\": 1732903200.5",
                        "source.publishedAt"),
                Arguments.of("\"publishedAt\": \"2024-11-29T18:00:00Z\"", "\"publishedAt\": \" 2024-11-29T18:00:00Z\"",
                        "source.publishedAt"),
                Arguments.of("\"publishedAt\": \"2024-11-29T18:00:00Z\"", "\"publishedAt\": \"2024-11-29T18:00:00\"",
                        "source.publishedAt"),
                Arguments.of("\"publishedAt\": \"2024-11-29T18:00:00Z\"", "\"publishedAt\": \"2024-11-29\"",
                        "source.publishedAt"),
                Arguments.of("\"publishedAt\": \"2024-11-29T18:00:00Z\"", "\"publishedAt\": \"yesterday\"",
                        "source.publishedAt"),
                Arguments.of("\"publishedAt\": \"2024-11-29T18:00:00Z\"", "\"publishedAt\": 1732903200",
                        "source.publishedAt"),
                Arguments.of("\"period\": { \"start\": \"2024-11-27\", \"end\": \"2024-11-29\" }", "\"period\": \"2024-11\"",
                        "period"),
                Arguments.of("\"summary\": \"Free text, any language.\"", "\"summary\": {}", "summary"));
    }

    @ParameterizedTest(name = "{2}: {1}")
    @MethodSource("wrongTypes")
    void wrongTypesAreNamed(String from, String to, String field) {
        assertEquals(field, onlyError(example(from, to)).field());
    }

    // ---- unknown and server-owned fields --------------------------------------------------------

    static Stream<Arguments> unknownFields() {
        return Stream.of(
                Arguments.of("\"language\": \"en\"", "\"language\": \"en\", \"foo\": 1", "foo"),
                Arguments.of("\"name\": \"Aleppo\"", "\"name\": \"Aleppo\", \"foo\": 1", "place.foo"),
                Arguments.of("\"protected\": false", "\"protected\": false, \"trust\": 5", "source.trust"),
                Arguments.of("\"end\": \"2024-11-29\"", "\"end\": \"2024-11-29\", \"tz\": \"UTC\"", "period.tz"),
                Arguments.of("\"side\": \"a\"", "\"side\": \"a\", \"id\": \"x\"", "actors[0].id"),
                Arguments.of("\"qualifier\": \"exact\"", "\"qualifier\": \"exact\", \"point\": true", "figures[0].point"),
                Arguments.of("\"name\": \"Aleppo\"", "\"name\": \"Aleppo\", \"point\": false", "place.point"),
                Arguments.of("\"language\": \"en\"", "\"language\": \"en\", \"Scope\": \"stock\"", "Scope"),
                Arguments.of("\"language\": \"en\"", "\"language\": \"en\", \"protectedSource\": true",
                        "protectedSource"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("unknownFields")
    void unknownFieldsAreRejectedWithTheirPath(String from, String to, String path) {
        FieldError e = onlyError(example(from, to));
        assertEquals(path, e.field());
        assertTrue(e.message().contains("unknown field"), e.message());
    }

    @Test
    void unknownFieldInTerritoryIsRejected() {
        ObjectNode t = SampleReports.validTree();
        t.put("scope", "territory_change");
        t.putObject("territory").put("placesCount", 50).put("via", "agreement");
        assertEquals("territory.via", onlyError(SampleReports.bytes(t)).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "revision", "status", "submittedBy", "receivedAt", "updatedAt", "statusNote"})
    void serverOwnedFieldsAreRejected(String field) {
        for (String value : List.of("\"x\"", "1", "null")) {
            FieldError e = onlyError(example("\"language\": \"en\"", "\"language\": \"en\", \"" + field + "\": " + value));
            assertEquals(field, e.field());
            assertTrue(e.message().contains("server"), e.message());
        }
    }

    @Test
    void everyServerOwnedFieldIsNamed() {
        List<FieldError> errors = errors(example("\"language\": \"en\"", "\"language\": \"en\", \"id\": \"01J\", "
                + "\"revision\": 7, \"status\": \"accepted\", \"submittedBy\": \"someone-else\", "
                + "\"receivedAt\": \"2024-01-01T00:00:00Z\", \"updatedAt\": \"2024-01-01T00:00:00Z\""));
        assertEquals(List.of("id", "revision", "status", "submittedBy", "receivedAt", "updatedAt"),
                errors.stream().map(FieldError::field).sorted((a, b) -> order(a) - order(b)).toList());
    }

    private static int order(String f) {
        return List.of("id", "revision", "status", "submittedBy", "receivedAt", "updatedAt").indexOf(f);
    }

    // ---- malformed JSON -------------------------------------------------------------------------

    @Test
    void duplicateKeysAreRejected() {
        assertEquals("body", onlyError(example("\"language\": \"en\"", "\"language\": \"en\", \"language\": \"ar\"")).field());
        assertEquals("body", onlyError(example("\"scope\": \"period_total\"", "\"scope\": \"period_total\", \"scope\": \"incident\"")).field());
    }

    @Test
    void nestedDuplicateKeysAreRejected() {
        FieldError e = onlyError(example("\"name\": \"Aleppo\"", "\"name\": \"Aleppo\", \"name\": \"Idlib\""));
        assertEquals("body", e.field());
        assertTrue(e.message().toLowerCase().contains("duplicate"), e.message());
        assertEquals("body", onlyError(example("\"value\": 255", "\"value\": 255, \"value\": 2")).field());
    }

    @Test
    void duplicateKeysAreRejectedByTreeToo() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> reader.tree(utf8("{\"reports\": [], \"reports\": []}")));
        assertEquals("body", e.errors().get(0).field());
    }

    @Test
    void truncatedJsonAtEveryLengthIsRejected() {
        byte[] full = SampleReports.validBytes();
        String trimmed = SampleReports.VALID_JSON.strip();
        for (int len = 0; len < trimmed.length() - 1; len++) {
            byte[] part = Arrays.copyOf(utf8(trimmed), len);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read(part),
                    "prefix of length " + len);
            assertEquals("body", e.errors().get(0).field());
        }
        reader.read(full);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "}", "{\"scope\": }", "{\"scope\": \"incident\",}", "{'scope': 'incident'}",
            "{scope: \"incident\"}", "// c\n{}", "{\"a\":1} x", "{} {}", "\"text\"", "[]", "42", "null", "true",
            "{\"summary\": \"a\" /* c */}", "\u0000{}"})
    void malformedOrNonObjectBodiesAreRejected(String body) {
        FieldError e = onlyError(body);
        assertEquals("body", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void emptyBodyIsRejected(String body) {
        assertEquals("body", onlyError(body).field());
    }

    @Test
    void nullBodyIsRejected() {
        assertEquals("body", onlyError((byte[]) null).field());
    }

    @Test
    void rawControlCharacterInAStringIsMalformed() {
        assertEquals("body", onlyError(example("\"name\": \"Aleppo\"", "\"name\": \"Ale\u0001ppo\"")).field());
        assertEquals("body", onlyError(example("\"name\": \"Aleppo\"", "\"name\": \"Ale\nppo\"")).field());
    }

    @Test
    void escapedControlCharacterInANameIsRejected() {
        FieldError e = onlyError(example("\"name\": \"Aleppo\"", "\"name\": \"Ale\\u0007ppo\""));
        assertEquals("place.name", e.field());
        e = onlyError(example("\"name\": \"Hayat Tahrir al-Sham\"", "\"name\": \"HTS\\u0000\""));
        assertEquals("actors[0].name", e.field());
        e = onlyError(example("\"name\": \"Syrian Observatory for Human Rights\"", "\"name\": \"SOHR\\r\\n\""));
        assertEquals("source.name", e.field());
    }

    @Test
    void escapedLoneSurrogateIsRejected() {
        assertEquals("place.name", onlyError(example("\"name\": \"Aleppo\"", "\"name\": \"\\ud83d\"")).field());
        assertEquals("summary", onlyError(example("\"summary\": \"Free text, any language.\"",
                "\"summary\": \"\\ude22 reversed \\ud83d\"")).field());
    }

    @Test
    void escapedSurrogatePairIsAnEmoji() {
        Report r = reader.read(utf8(example("\"name\": \"Aleppo\"", "\"name\": \"\\ud83d\\ude22\"")));
        assertEquals("\uD83D\uDE22", r.place().name());
    }

    // ---- nesting ----------------------------------------------------------------------------------

    @Test
    void nestingBeyondTheLimitIsRejected() {
        String deep = "[".repeat(Json.MAX_NESTING + 1) + "]".repeat(Json.MAX_NESTING + 1);
        FieldError e = onlyError(example("\"language\": \"en\"", "\"language\": \"en\", \"x\": " + deep));
        assertEquals("body", e.field());
        assertTrue(e.message().contains("nesting"), e.message());
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertEquals("body", onlyError(deepObjects).field());
        String deepArrays = "[".repeat(100_000);
        assertEquals("body", onlyError(deepArrays).field());
    }

    /** Issue 12, item 10: the parser's limits and errors in our words, naming the field and the limit. */
    @Test
    void messagesNameTheFieldAndTheLimitNotTheLibrary() {
        String deep = "[".repeat(Json.MAX_NESTING + 1) + "]".repeat(Json.MAX_NESTING + 1);
        assertEquals("malformed JSON: nesting deeper than 16 levels (a report needs 4)",
                onlyError(example("\"language\": \"en\"", "\"language\": \"en\", \"x\": " + deep)).message());
        for (String v : new String[] {"9223372036854775808", "-9223372036854775809", "99999999999999999999"}) {
            FieldError e = onlyError(example("\"value\": 255", "\"value\": " + v));
            assertEquals("figures[0].value", e.field());
            assertEquals("must be a whole number from 0 to 10000000", e.message());
        }
        assertEquals("malformed JSON: a number of more than 32 digits",
                onlyError(example("\"value\": 255", "\"value\": " + "9".repeat(33))).message());
        assertEquals("malformed JSON at line 1, column 4: NaN and Infinity are not JSON numbers",
                onlyError("NaN").message());
        assertEquals("malformed JSON at line 1, column 13: duplicate field 'a' (a field may appear once in an object)",
                onlyError("{\"a\": 1, \"a\": 2}").message());
        assertTrue(onlyError("{\"a\": 1} {}").message().endsWith("more follows the end of the JSON value"));
        assertTrue(onlyError("{\"a\": tru}").message().startsWith("malformed JSON at line 1, column "));
        assertTrue(onlyError("{\"a\": ").message().endsWith("the JSON ends before it is complete"));
        String longName = "n".repeat(10_000);
        assertEquals("unknown field '" + "n".repeat(64) + "…'",
                onlyError(example("\"language\": \"en\"", "\"language\": \"en\", \"" + longName + "\": 1")).message());
    }

    @Test
    void nestingAtTheLimitIsParsed() {
        // the report is depth 1; wrap an unknown field's value up to depth 16 exactly: it parses, then is unknown
        String deep = "[".repeat(Json.MAX_NESTING - 1) + "]".repeat(Json.MAX_NESTING - 1);
        FieldError e = onlyError(example("\"language\": \"en\"", "\"language\": \"en\", \"x\": " + deep));
        assertEquals("x", e.field());
        JsonNode tree = reader.tree(utf8(deep));
        assertTrue(tree.isArray());
    }

    // ---- bytes and encodings ---------------------------------------------------------------------

    private static byte[] withName(byte... nameBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String v = SampleReports.VALID_JSON;
        int at = v.indexOf("\"Aleppo\"") + 1;
        out.writeBytes(utf8(v.substring(0, at)));
        out.writeBytes(nameBytes);
        out.writeBytes(utf8(v.substring(at + "Aleppo".length())));
        return out.toByteArray();
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("lone continuation byte", new byte[] {'A', (byte) 0x80}),
                Arguments.of("0xFF", new byte[] {'A', (byte) 0xFF, 'b'}),
                Arguments.of("0xFE", new byte[] {(byte) 0xFE}),
                Arguments.of("Latin-1 e-acute", new byte[] {'H', (byte) 0xE9, 'l'}),
                Arguments.of("overlong slash", new byte[] {'A', (byte) 0xC0, (byte) 0xAF}),
                Arguments.of("overlong quote", new byte[] {(byte) 0xC0, (byte) 0xA2}),
                Arguments.of("overlong 3-byte", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
                Arguments.of("CESU surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                Arguments.of("CESU pair", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED,
                        (byte) 0xB8, (byte) 0xA2}),
                Arguments.of("beyond U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                Arguments.of("5-byte form", new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}),
                Arguments.of("truncated 3-byte", new byte[] {'A', (byte) 0xE2, (byte) 0x82}),
                Arguments.of("truncated 4-byte", new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void invalidUtf8IsRejected(String label, byte[] bad) {
        FieldError e = onlyError(withName(bad));
        assertEquals("body", e.field());
    }

    @Test
    void invalidUtf8IsRejectedByTreeToo() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> reader.tree(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}));
        assertEquals("body", e.errors().get(0).field());
    }

    @Test
    void validMultiByteUtf8IsRead() {
        assertEquals("حلب", reader.read(withName(utf8("حلب"))).place().name());
        assertEquals("\uD83D\uDE22", reader.read(withName(utf8("\uD83D\uDE22"))).place().name());
    }

    @Test
    void utf16BodiesAreRejected() {
        assertEquals("body", onlyError(SampleReports.VALID_JSON.getBytes(StandardCharsets.UTF_16BE)).field());
        assertEquals("body", onlyError(SampleReports.VALID_JSON.getBytes(StandardCharsets.UTF_16LE)).field());
        assertEquals("body", onlyError(SampleReports.VALID_JSON.getBytes(StandardCharsets.UTF_16)).field());
    }

    @Test
    void aLeadingByteOrderMarkIsIgnored() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(SampleReports.validBytes());
        assertEquals(SampleReports.valid(), reader.read(out.toByteArray()));
    }

    @Test
    void everyValidatorErrorComesBackAtOnce() {
        ObjectNode t = SampleReports.validTree();
        t.remove("scope");
        ((ObjectNode) t.get("source")).put("url", "ftp://example.org/x");
        ((ObjectNode) t.get("place")).put("lat", 1.0);
        ((ArrayNode) t.get("tags")).add("");
        List<String> fields = errors(SampleReports.bytes(t)).stream().map(FieldError::field).collect(Collectors.toList());
        assertEquals(List.of("scope", "source.url", "place.lon", "tags[1]"), fields);
    }
}
