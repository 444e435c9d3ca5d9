package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.junit.jupiter.api.Test;

/** docs/api.md's role table, every submit route against every kind of caller, in one table. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class AuthorizationMatrixTest extends SubmitTestBase {

    enum Caller { PUBLIC, REPORTER_OWN, REPORTER_OTHERS, EDITOR, ANALYST, FORGED_HEADERS, FORGED_BODY }

    enum Route { CREATE, BATCH, CORRECT, RETRACT, REVIEW }

    record Row(Route route, Caller caller, int status) {
    }

    static final List<Row> MATRIX = List.of(
            new Row(Route.CREATE, Caller.PUBLIC, 401), new Row(Route.CREATE, Caller.REPORTER_OWN, 201),
            new Row(Route.CREATE, Caller.REPORTER_OTHERS, 201), new Row(Route.CREATE, Caller.EDITOR, 201),
            new Row(Route.CREATE, Caller.ANALYST, 403), new Row(Route.CREATE, Caller.FORGED_HEADERS, 401),
            new Row(Route.CREATE, Caller.FORGED_BODY, 400),
            new Row(Route.BATCH, Caller.PUBLIC, 401), new Row(Route.BATCH, Caller.REPORTER_OWN, 200),
            new Row(Route.BATCH, Caller.REPORTER_OTHERS, 200), new Row(Route.BATCH, Caller.EDITOR, 200),
            new Row(Route.BATCH, Caller.ANALYST, 403), new Row(Route.BATCH, Caller.FORGED_HEADERS, 401),
            new Row(Route.BATCH, Caller.FORGED_BODY, 200),
            new Row(Route.CORRECT, Caller.PUBLIC, 401), new Row(Route.CORRECT, Caller.REPORTER_OWN, 200),
            new Row(Route.CORRECT, Caller.REPORTER_OTHERS, 403), new Row(Route.CORRECT, Caller.EDITOR, 200),
            new Row(Route.CORRECT, Caller.ANALYST, 403), new Row(Route.CORRECT, Caller.FORGED_HEADERS, 403),
            new Row(Route.CORRECT, Caller.FORGED_BODY, 400),
            new Row(Route.RETRACT, Caller.PUBLIC, 401), new Row(Route.RETRACT, Caller.REPORTER_OWN, 200),
            new Row(Route.RETRACT, Caller.REPORTER_OTHERS, 403), new Row(Route.RETRACT, Caller.EDITOR, 200),
            new Row(Route.RETRACT, Caller.ANALYST, 403), new Row(Route.RETRACT, Caller.FORGED_HEADERS, 403),
            new Row(Route.RETRACT, Caller.FORGED_BODY, 400),
            new Row(Route.REVIEW, Caller.PUBLIC, 401), new Row(Route.REVIEW, Caller.REPORTER_OWN, 403),
            new Row(Route.REVIEW, Caller.REPORTER_OTHERS, 403), new Row(Route.REVIEW, Caller.EDITOR, 200),
            new Row(Route.REVIEW, Caller.ANALYST, 403), new Row(Route.REVIEW, Caller.FORGED_HEADERS, 403),
            new Row(Route.REVIEW, Caller.FORGED_BODY, 403));

    /** Headers that claim an identity: none of them is trusted, only the authorizer's claims are. */
    static LambdaEvents.Builder forgedHeaders(LambdaEvents.Builder b) {
        return b.header("authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJvd25lciIsImNvZ25pdG86Z3JvdXBzIjpbImVkaXRvciJdfQ.")
                .header("x-amzn-oidc-identity", "owner").header("x-cognito-groups", "[editor]")
                .header("x-forwarded-user", "owner").header("x-user-roles", "editor");
    }

    LambdaEvents.Reply send(Row row, String id) {
        String method = switch (row.route()) {
            case CREATE, BATCH, REVIEW -> "POST";
            case CORRECT -> "PUT";
            case RETRACT -> "DELETE";
        };
        String path = switch (row.route()) {
            case CREATE -> "/v1/reports";
            case BATCH -> "/v1/reports/batch";
            case CORRECT, RETRACT -> "/v1/reports/" + id;
            case REVIEW -> "/v1/reports/" + id + "/review";
        };
        String forged = "\"submittedBy\": \"owner\", \"cognito:groups\": [\"editor\"], ";
        String body = switch (row.route()) {
            case CREATE, CORRECT -> Samples.periodTotal().replace("255", "25" + row.caller().ordinal());
            case BATCH -> "{\"reports\": [" + Samples.periodTotal().replace("255", "24" + row.caller().ordinal()) + "]}";
            case RETRACT -> "{\"reason\": \"duplicate\"}";
            case REVIEW -> "{\"status\": \"accepted\"}";
        };
        if (row.caller() == Caller.FORGED_BODY) {
            body = row.route() == Route.BATCH ? body.replace("[{", "[{" + forged) : body.replaceFirst("\\{", "{" + forged);
        }
        var b = request(method, path).header("If-Match", "\"1\"").body(body);
        switch (row.caller()) {
            case PUBLIC -> { }
            case REPORTER_OWN, FORGED_BODY -> b.as("owner", "reporter");
            case REPORTER_OTHERS -> b.as("someone-else", "reporter");
            case EDITOR -> b.as("ed", "editor");
            case ANALYST -> b.as("an", "analyst");
            case FORGED_HEADERS -> forgedHeaders(row.route() == Route.CREATE || row.route() == Route.BATCH
                    ? b : b.as("someone-else", "reporter"));
        }
        return b.send();
    }

    @Test
    void everyRouteAgainstEveryCaller() {
        assertEquals(Route.values().length * Caller.values().length, MATRIX.size(), "the table is complete");
        List<String> wrong = new ArrayList<>();
        for (Row row : MATRIX) {
            String id = create("owner", Samples.incident("2024-11-28", "SY0200", 5, "Matrix " + row)).json().get("id").asText();
            long before = stored();
            var r = send(row, id);
            boolean ok = r.status() == row.status();
            if (ok && r.status() >= 400) {
                ok = r.header("content-type").startsWith("application/problem+json") && stored() == before;
            }
            if (ok && row.route() == Route.BATCH && row.caller() == Caller.FORGED_BODY) {
                // The batch envelope is fine; the item with server-owned fields is refused on its own.
                ok = r.json().at("/results/0/status").asInt() == 400 && stored() == before;
            }
            if (ok && r.status() < 300 && row.route() != Route.BATCH && row.route() != Route.CREATE) {
                ok = r.json().get("submittedBy").asText().equals("owner") && r.json().get("revision").asInt() == 2;
            }
            if (ok && r.status() == 201) {
                ok = r.json().get("submittedBy").asText().equals(row.caller() == Caller.EDITOR ? "ed"
                        : row.caller() == Caller.REPORTER_OTHERS ? "someone-else" : "owner");
            }
            System.out.printf("authorization | %-7s | %-15s | expected %d | got %d%s%n", row.route(), row.caller(),
                    row.status(), r.status(), ok ? "" : " WRONG");
            if (!ok) {
                wrong.add(row + " -> " + r.status() + " " + r.body());
            }
        }
        assertEquals(List.of(), wrong);
    }
}
