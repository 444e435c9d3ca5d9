package org.conflictledger.aggregate;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.conflictledger.aggregate.Aggregator;
import org.conflictledger.store.AggregationStore;
import org.conflictledger.store.Dynamo;
import org.conflictledger.store.RequestCounter;
import org.conflictledger.store.TableSetup;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the plain-Java aggregation into CDI. */
@ApplicationScoped
public class Storage {

    @ConfigProperty(name = "ledger.table")
    String table;

    @ConfigProperty(name = "ledger.create-table", defaultValue = "false")
    boolean createTable;

    @Produces
    @Singleton
    RequestCounter requestCounter() {
        return new RequestCounter();
    }

    @Produces
    @Singleton
    DynamoDbClient dynamoDb(@All List<ExecutionInterceptor> interceptors) {
        return Dynamo.client(interceptors);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    AggregationStore aggregationStore(DynamoDbClient db) {
        return new AggregationStore(db, table);
    }

    @Produces
    @Singleton
    Aggregator aggregator(AggregationStore store, Clock clock) {
        return new Aggregator(store, clock);
    }

    void onStart(@Observes StartupEvent ev, DynamoDbClient db) {
        if (createTable) {
            TableSetup.ensure(db, table);
        }
    }
}
