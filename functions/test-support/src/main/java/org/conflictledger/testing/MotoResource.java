package org.conflictledger.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import org.conflictledger.store.Dynamo;
import org.conflictledger.store.TableSetup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Points a @QuarkusTest function at moto_server with a fresh table. The function's code is the
 * deployed code: the SDK finds moto through its ordinary settings (see {@link #useMoto}).
 */
public class MotoResource implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "ledger-test";

    @Override
    public Map<String, String> start() {
        MotoServer moto = MotoServer.shared();
        useMoto(moto);
        try (DynamoDbClient db = Dynamo.client(List.of())) {
            TableSetup.ensure(db, TABLE);
        }
        return Map.of("ledger.table", TABLE);
    }

    @Override
    public void stop() {
        // The server is shared by the whole run and stopped at JVM exit.
    }

    /**
     * The SDK's standard settings in this JVM, as system properties (the test JVM's environment
     * cannot be changed): dummy keys, a region, and the DynamoDB endpoint (the system-property
     * twin of AWS_ENDPOINT_URL_DYNAMODB). Every SDK client built afterwards talks to moto.
     */
    public static void useMoto(MotoServer moto) {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.endpointUrlDynamoDb", moto.endpoint());
    }
}
