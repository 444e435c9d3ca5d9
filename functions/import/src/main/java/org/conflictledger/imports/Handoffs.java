package org.conflictledger.imports;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The hand-over the settings name (docs/imports.md): {@code lambda} in AWS (an asynchronous invoke
 * of this function's alias with {@code {"continueImport": id}}), or {@code local}: a fresh run on
 * a thread of this process, as quarkus:dev and the tests have no Lambda service to invoke.
 */
final class Handoffs implements Importer.Handoff {

    private static final Logger LOG = Logger.getLogger(Handoffs.class);

    private final ImportSettings settings;
    private final Supplier<LambdaClient> lambda;
    private final Supplier<Importer> importer;
    private final ExecutorService local = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "import-handoff");
        t.setDaemon(true);
        return t;
    });

    Handoffs(ImportSettings settings, Supplier<LambdaClient> lambda, Supplier<Importer> importer) {
        this.settings = settings;
        this.lambda = lambda;
        this.importer = importer;
    }

    @Override
    public void continueLater(String importId) {
        if ("lambda".equals(settings.handoff())) {
            new LambdaHandoff(lambda.get(), settings.functionName()).continueLater(importId);
            return;
        }
        local.submit(() -> {
            long started = System.currentTimeMillis();
            try {
                importer.get().run(importId, () -> settings.maxRun().toMillis() - (System.currentTimeMillis() - started));
            } catch (RuntimeException e) {
                LOG.errorf(e, "import %s: the local continuation failed", importId);
            }
        });
    }
}
