package org.conflictledger.testing.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The document check catches what it must: every kind of wrong response below is reported
 * against the real docs/openapi.yaml, and the right one is not. (If the 3.1 to 3.0 view lost a
 * constraint, one of these would pass silently.)
 */
class ContractCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContractCheck check = ContractCheck.ofRepository();

    static final String REPORT = """
            {"id": "01JDQ3Y9ZK8X6V4T2R0P8N6M4K", "revision": 2, "status": "accepted",
             "submittedBy": "reporter-1", "receivedAt": "2024-11-30T12:00:00Z", "updatedAt": "2024-12-01T08:00:00Z",
             "scope": "period_total",
             "source": {"kind": "monitor", "name": "Syrian Observatory for Human Rights", "url": null,
                        "publishedAt": "2024-11-29T18:00:00Z", "protected": false},
             "period": {"start": "2024-11-27", "end": "2024-11-29"}, "datePrecision": "day",
             "place": {"country": "SYR", "admin1": "SY02", "admin2": null, "name": "Aleppo", "precision": "admin1"},
             "eventType": "battles", "territory": null,
             "figures": [{"metric": "killed", "group": "all", "value": 255, "qualifier": "exact"}]}
            """;

    static Request getReport() {
        return SimpleRequest.Builder.get("/v1/reports/01JDQ3Y9ZK8X6V4T2R0P8N6M4K").withAccept("application/json").build();
    }

    static SimpleResponse json(int status, String contentType, String body) {
        return SimpleResponse.Builder.status(status).withContentType(contentType).withHeader("ETag", "\"2\"")
                .withBody(body).build();
    }

    static String report(Consumer<ObjectNode> change) throws Exception {
        ObjectNode r = (ObjectNode) JSON.readTree(REPORT);
        change.accept(r);
        return r.toString();
    }

    List<String> problems(SimpleResponse response) {
        return check.problems(getReport(), response);
    }

    @Test
    void aMatchingResponseIsNotReportedNullsWhereTheDocumentAllowsThem() {
        assertEquals(List.of(), problems(json(200, "application/json", REPORT)));
        assertEquals(List.of(), problems(json(200, "application/json;charset=utf-8", REPORT)));
        assertEquals(List.of(), problems(json(404, "application/problem+json",
                "{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"no such report\"}")));
    }

    @Test
    void aNullableReferenceTakesItsObjectAndNull() throws Exception {
        String territory = "{\"placesCount\": 2, \"places\": [\"Tal Rifaat\"], \"toActor\": null}";
        assertEquals(List.of(), problems(json(200, "application/json", report(r -> {
            try {
                r.set("territory", JSON.readTree(territory));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }))));
        assertFalse(problems(json(200, "application/json", report(r -> r.put("territory", "two places")))).isEmpty());
    }

    @Test
    void aMissingRequiredFieldIsReported() throws Exception {
        List<String> p = problems(json(200, "application/json", report(r -> r.remove("status"))));
        assertFalse(p.isEmpty());
        assertTrue(p.toString().contains("status"), p.toString());
    }

    /** Problems with a 200 whose report is changed by {@code change}. */
    List<String> changed(Consumer<ObjectNode> change) throws Exception {
        return problems(json(200, "application/json", report(change)));
    }

    static Consumer<ObjectNode> in(String object, Consumer<ObjectNode> change) {
        return r -> change.accept((ObjectNode) r.get(object));
    }

    @Test
    void aWrongTypeIsReported() throws Exception {
        assertFalse(changed(r -> r.put("revision", "2")).isEmpty());
        assertFalse(changed(in("place", p -> p.put("lat", "36.2"))).isEmpty());
    }

    @Test
    void aNullWhereTheDocumentHasNoNullIsReported() throws Exception {
        assertFalse(changed(r -> r.putNull("eventType")).isEmpty());
        assertFalse(changed(in("source", p -> p.putNull("kind"))).isEmpty());
    }

    @Test
    void anUndeclaredFieldOfAClosedObjectIsReported() throws Exception {
        // StoredReport is allOf + unevaluatedProperties: false in 3.1, flattened for the validator.
        assertFalse(changed(r -> r.put("internalNote", "x")).isEmpty());
        assertFalse(changed(in("place", p -> p.put("geohash", "sy8"))).isEmpty());
    }

    @Test
    void anUndeclaredStatusIsReported() {
        assertFalse(problems(json(418, "application/problem+json",
                "{\"type\":\"/x\",\"title\":\"x\",\"status\":418,\"detail\":\"x\"}")).isEmpty());
        assertFalse(problems(json(201, "application/json", REPORT)).isEmpty());
    }

    @Test
    void aWrongContentTypeIsReported() {
        assertFalse(problems(json(200, "text/html", "<p>report</p>")).isEmpty());
        // An error response must be a problem document.
        assertFalse(problems(json(404, "application/json",
                "{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"x\"}")).isEmpty());
    }

    @Test
    void aHeaderOfTheWrongTypeIsReported() {
        Request put = new SimpleRequest.Builder("POST", "/v1/reports").withContentType("application/json")
                .withBody("{}").build();
        var busy = SimpleResponse.Builder.status(503).withContentType("application/problem+json")
                .withHeader("Retry-After", "soon")
                .withBody("{\"type\":\"/problems/unavailable\",\"title\":\"x\",\"status\":503,\"detail\":\"x\"}").build();
        assertTrue(check.problems(put, busy).toString().contains("validation.response.header.schema"),
                check.problems(put, busy).toString());
    }

    @Test
    void aRequestTheDocumentRejectsMustBeRejected() throws Exception {
        Request bad = new SimpleRequest.Builder("POST", "/v1/reports").withContentType("application/json")
                .withBody(report(r -> r.remove("eventType"))).build();
        var stored = SimpleResponse.Builder.status(201).withContentType("application/json")
                .withHeader("Location", "/v1/reports/01JDQ3Y9ZK8X6V4T2R0P8N6M4K").withHeader("ETag", "\"1\"")
                .withBody(report(r -> { })).build();
        assertTrue(check.problems(bad, stored).toString().contains("rejects this request"), check.problems(bad, stored).toString());
        var rejected = SimpleResponse.Builder.status(400).withContentType("application/problem+json")
                .withBody("{\"type\":\"/problems/validation\",\"title\":\"Invalid\",\"status\":400,\"detail\":\"x\","
                        + "\"errors\":[{\"field\":\"eventType\",\"message\":\"is required\"}]}").build();
        assertEquals(List.of(), check.problems(bad, rejected));
    }

    @Test
    void aBatchAnswersEachReportOnItsOwn() throws Exception {
        Request batch = new SimpleRequest.Builder("POST", "/v1/reports/batch").withContentType("application/json")
                .withBody("{\"reports\": [" + report(r -> r.remove("eventType")) + "]}").build();
        String rejected = "{\"results\":[{\"index\":0,\"status\":400,\"errors\":[{\"field\":\"eventType\",\"message\":\"x\"}]}]}";
        String stored = "{\"results\":[{\"index\":0,\"status\":201,\"id\":\"01JDQ3Y9ZK8X6V4T2R0P8N6M4K\"}]}";
        assertEquals(List.of(), check.problems(batch, SimpleResponse.Builder.ok().withContentType("application/json")
                .withBody(rejected).build()));
        // The item the document rejects was stored: reported.
        assertFalse(check.problems(batch, SimpleResponse.Builder.ok().withContentType("application/json")
                .withBody(stored).build()).isEmpty());
        // A fault outside the items is the whole request's: a 200 is reported.
        Request noReports = new SimpleRequest.Builder("POST", "/v1/reports/batch").withContentType("application/json")
                .withBody("{\"items\": []}").build();
        assertFalse(check.problems(noReports, SimpleResponse.Builder.ok().withContentType("application/json")
                .withBody("{\"results\":[]}").build()).isEmpty());
    }

    @Test
    void aLambdaExchangeIsCheckedThroughItsEvent() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree("""
                {"version": "2.0", "routeKey": "$default", "rawPath": "/v1/changes",
                 "rawQueryString": "since=2024-12-01T00%3A00%3A00Z&limit=2", "headers": {"accept": "application/json"},
                 "requestContext": {"http": {"method": "GET", "path": "/v1/changes"}}, "isBase64Encoded": false}
                """);
        String ok = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json;charset=utf-8\","
                + "\"x-next-cursor\":\"abc\"},\"body\":\"{\\\"items\\\":[],\\\"nextCursor\\\":\\\"abc\\\"}\"}";
        String nullCursor = ok.replace("\\\"nextCursor\\\":\\\"abc\\\"", "\\\"nextCursor\\\":null");
        Request request = ContractFilter.request(event);
        assertEquals("2024-12-01T00:00:00Z", request.getQueryParameterValues("since").iterator().next());
        assertEquals(List.of(), check.problems(request, ContractFilter.response(JSON.readTree(ok))));
        assertFalse(check.problems(request, ContractFilter.response(JSON.readTree(nullCursor))).isEmpty());
        AssertionError e = assertThrows(AssertionError.class,
                () -> check.verify(request, ContractFilter.response(JSON.readTree(nullCursor))));
        assertTrue(e.getMessage().contains("GET /v1/changes"), e.getMessage());
    }

    @Test
    void anEmptySearchFilterIsAbsentAsInApiMdsExample() {
        Request search = SimpleRequest.Builder.get("/v1/reports").withQueryParam("admin1", "SY02")
                .withQueryParam("admin2", "").withQueryParam("from", "").withQueryParam("to", "2024-11-27")
                .withQueryParam("actor", "").build();
        var page = SimpleResponse.Builder.ok().withContentType("application/json")
                .withBody("{\"items\": [], \"nextCursor\": null}").build();
        assertEquals(List.of(), check.problems(search, page));
        Request bad = SimpleRequest.Builder.get("/v1/reports").withQueryParam("admin1", "sy02").build();
        assertFalse(check.problems(bad, page).isEmpty(), "a malformed p-code the function accepted");
    }

    @Test
    void aRouteTheDocumentDoesNotHaveIsLeftToTheRouteSetTests() {
        long skipped = check.skipped();
        assertEquals(List.of(), check.problems(SimpleRequest.Builder.get("/v2/nothing").build(),
                SimpleResponse.Builder.status(404).build()));
        assertEquals(skipped + 1, check.skipped());
    }
}
