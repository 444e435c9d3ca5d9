package org.conflictledger.imports;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.conflictledger.store.Dynamo;
import org.conflictledger.store.ReportStore;
import org.conflictledger.store.RequestCounter;
import org.conflictledger.store.TableSetup;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * INTERIM: the storage producers every function shares (client, clock, report store), as submit's
 * Storage has them, until the lead's shared producers in functions/lambda reach this branch; then
 * this file goes (docs/imports.md, "Status").
 */
@ApplicationScoped
public class InterimStorage {

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
    ReportStore reportStore(DynamoDbClient db, Clock clock) {
        return new ReportStore(db, table, clock);
    }

    void onStart(@Observes StartupEvent ev, DynamoDbClient db) {
        if (createTable) {
            TableSetup.ensure(db, table);
        }
    }
}
