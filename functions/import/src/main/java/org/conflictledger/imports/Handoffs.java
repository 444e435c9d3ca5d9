package org.conflictledger.imports;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The hand-over the settings name: {@code lambda} in AWS, else the URL of a local mock event
 * server, which gets the same continuation event posted (make run, tests) without waiting for
 * the reply, as an asynchronous invoke does not.
 */
final class Handoffs implements Importer.Handoff {

    private static final Logger LOG = Logger.getLogger(Handoffs.class);

    private final ImportSettings settings;
    private final java.util.function.Supplier<LambdaClient> lambda;
    private final HttpClient http = HttpClient.newHttpClient();

    Handoffs(ImportSettings settings, java.util.function.Supplier<LambdaClient> lambda) {
        this.settings = settings;
        this.lambda = lambda;
    }

    @Override
    public void continueLater(String importId) {
        String target = settings.handoff();
        if ("lambda".equals(target)) {
            new LambdaHandoff(lambda.get(), settings.functionName()).continueLater(importId);
            return;
        }
        http.sendAsync(HttpRequest.newBuilder(URI.create(target))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(LambdaHandoff.payload(importId))).build(),
                HttpResponse.BodyHandlers.discarding())
                .exceptionally(e -> {
                    LOG.errorf(e, "import %s: the local hand-over to %s failed", importId, target);
                    return null;
                });
    }
}
