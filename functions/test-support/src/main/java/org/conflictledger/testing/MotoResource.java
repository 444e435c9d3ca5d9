package org.conflictledger.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import org.conflictledger.core.storage.Dynamo;
import org.conflictledger.core.storage.TableSetup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Points a @QuarkusTest function at moto_server with a fresh table. */
public class MotoResource implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "ledger-test";

    @Override
    public Map<String, String> start() {
        MotoServer moto = MotoServer.shared();
        try (DynamoDbClient db = client(moto.endpoint())) {
            TableSetup.ensure(db, TABLE);
        }
        return Map.of("ledger.dynamodb.endpoint", moto.endpoint(), "ledger.table", TABLE);
    }

    @Override
    public void stop() {
        // The server is shared by the whole run and stopped at JVM exit.
    }

    public static DynamoDbClient client(String endpoint) {
        return Dynamo.client(endpoint, "us-east-1", List.of());
    }
}
