package org.conflictledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conflictledger.testing.MotoServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The storage tests' fixture, in the spirit of Powertools' DynamoDB persistence-store tests: given
 * items written straight into a real table (moto_server), when a store method runs, then assert
 * what it returned, what the table holds, and the exact requests it sent.
 *
 * <p>Register it per test class ({@code @RegisterExtension static final StoreTable TABLE = new
 * StoreTable("search")}): a fresh table of the production definition ({@link TableSetup}) per
 * class, on the moto_server shared by the run. {@link #client()} is the client to hand the store
 * under test; an {@link ExecutionInterceptor} on it records every request as the SDK sends it
 * (retries included). Seeding and inspecting go through a second client that records nothing.
 * After every test it checks that no Scan was sent: every access is keyed (docs/data-model.md).
 */
final class StoreTable implements ExecutionInterceptor, BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private final String name;
    private final List<SdkRequest> sent = Collections.synchronizedList(new ArrayList<>());
    private DynamoDbClient store;
    private DynamoDbClient raw;

    StoreTable(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String endpoint = MotoServer.shared().endpoint();
        raw = client(endpoint, List.of());
        store = client(endpoint, List.of(this));
        TableSetup.ensure(raw, name);
    }

    private static DynamoDbClient client(String endpoint, List<ExecutionInterceptor> interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.executionInterceptors(interceptors))
                .build();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sent.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertTrue(requests(ScanRequest.class).isEmpty(), "a store method sent a Scan: " + sent);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        store.close();
        raw.close();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        // Without the SDK's own request metadata (paginators and waiters add a user-agent entry):
        // the comparison is of what DynamoDB receives.
        if (request instanceof AwsRequest a && a.overrideConfiguration().isPresent()) {
            request = a.toBuilder().overrideConfiguration((AwsRequestOverrideConfiguration) null).build();
        }
        sent.add(request);
    }

    /** The table's name. */
    String name() {
        return name;
    }

    /** The client for the store under test: everything it sends is recorded. */
    DynamoDbClient client() {
        return store;
    }

    /** Forgets the requests sent so far (seeding through a store, say), so that a test counts its own. */
    void reset() {
        sent.clear();
    }

    /** Every request sent through {@link #client()} since the test began (or {@link #reset()}), in order. */
    List<SdkRequest> requests() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    <T extends SdkRequest> List<T> requests(Class<T> type) {
        return requests().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one request sent, which must be of {@code type}: the access pattern is one request. */
    <T extends SdkRequest> T only(Class<T> type) {
        List<SdkRequest> all = requests();
        assertEquals(1, all.size(), "requests: " + all);
        assertTrue(type.isInstance(all.get(0)), "request: " + all.get(0));
        return type.cast(all.get(0));
    }

    /** Writes items as they are, 25 per BatchWriteItem. */
    @SafeVarargs
    final void put(Map<String, AttributeValue>... items) {
        put(List.of(items));
    }

    void put(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> unprocessed = Map.of(name, batch);
            while (!unprocessed.isEmpty()) {
                Map<String, List<WriteRequest>> request = unprocessed;
                unprocessed = raw.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    /** Deletes every item of a partition, for a test that reads a partition other tests also write (M). */
    void clear(String pk) {
        raw.queryPaginator(b -> b.tableName(name).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(pk))).consistentRead(true))
                .items().forEach(i -> raw.deleteItem(b -> b.tableName(name)
                        .key(key(i.get(LedgerTable.PK).s(), i.get(LedgerTable.SK).s()))));
    }

    /** The item under a key, read consistently (empty when there is none). */
    Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        var r = raw.getItem(b -> b.tableName(name).key(key(pk, sk)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(LedgerTable.PK, s(pk), LedgerTable.SK, s(sk));
    }

    /** An item of string attributes: {@code strings("pk", "M", "sk", "SYR#2024-11-27", ...)}. */
    static Map<String, AttributeValue> strings(String... namesAndValues) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], s(namesAndValues[i + 1]));
        }
        return out;
    }
}
