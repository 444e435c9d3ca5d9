package org.conflictledger.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.conflictledger.testing.FaultInjector;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.RequestCounter;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Each test starts on an empty table with zeroed request counts and no faults armed. */
abstract class SubmitTestBase {

    @Inject
    DynamoDbClient db;

    @Inject
    RequestCounter requests;

    @Inject
    FaultInjector faults;

    @BeforeEach
    void cleanSlate() {
        Table.reset(db, MotoResource.TABLE);
        faults.disarm();
        requests.reset();
    }

    @AfterEach
    void disarm() {
        faults.disarm();
    }

    List<Map<String, AttributeValue>> items(String prefix) {
        return Table.items(db, MotoResource.TABLE, prefix);
    }

    long stored() {
        return Table.items(db, MotoResource.TABLE).size();
    }

    static void assertProblem(LambdaEvents.Reply r, int status) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("content-type").startsWith("application/problem+json"), r.headers().toString());
        assertEquals(status, r.json().get("status").asInt(), r.body());
        assertTrue(r.json().hasNonNull("type") && r.json().hasNonNull("title") && r.json().hasNonNull("detail"), r.body());
    }

    static LambdaEvents.Reply create(String sub, String body, String... roles) {
        return LambdaEvents.request("POST", "/v1/reports").as(sub, roles.length == 0 ? new String[] {"reporter"} : roles)
                .body(body).send();
    }
}
