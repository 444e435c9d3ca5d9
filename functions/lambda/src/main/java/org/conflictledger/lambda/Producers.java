package org.conflictledger.lambda;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.conflictledger.store.AggregationStore;
import org.conflictledger.store.ChangeFeed;
import org.conflictledger.store.Dynamo;
import org.conflictledger.store.ReportSearch;
import org.conflictledger.store.ReportStore;
import org.conflictledger.store.TableSetup;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The plain-Java store as CDI beans, for every function: one DynamoDB client per function
 * instance, built only from the SDK's standard settings (docs/deploy.md, "Run as deployed").
 * Quarkus drops the producers a function never injects.
 */
@ApplicationScoped
public class Producers {

    @ConfigProperty(name = "ledger.table")
    String table;

    @ConfigProperty(name = "ledger.create-table", defaultValue = "false")
    boolean createTable;

    /** Every ExecutionInterceptor bean joins the client; only tests have any (counting, faults). */
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
    ReportStore reportStore(DynamoDbClient db, Clock clock) {
        return new ReportStore(db, table, clock);
    }

    @Produces
    @Singleton
    ReportSearch reportSearch(DynamoDbClient db) {
        return new ReportSearch(db, table);
    }

    @Produces
    @Singleton
    ChangeFeed changeFeed(DynamoDbClient db, Clock clock) {
        return new ChangeFeed(db, table, clock);
    }

    @Produces
    @Singleton
    AggregationStore aggregationStore(DynamoDbClient db) {
        return new AggregationStore(db, table);
    }

    /** Local runs only: make run starts an empty moto_server. */
    void onStart(@Observes StartupEvent ev, DynamoDbClient db) {
        if (createTable) {
            TableSetup.ensure(db, table);
        }
    }
}
