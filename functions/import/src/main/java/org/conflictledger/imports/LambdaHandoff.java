package org.conflictledger.imports;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Hands the rest of an import to a fresh invocation of this same function (its alias), invoked
 * asynchronously with {@code {"continueImport": "<id>"}} (docs/imports.md). Lambda queues the
 * event and retries it on failure like the S3 event that started the import.
 */
public final class LambdaHandoff implements Importer.Handoff {

    private final LambdaClient lambda;
    private final String functionName;

    public LambdaHandoff(LambdaClient lambda, String functionName) {
        this.lambda = lambda;
        this.functionName = functionName;
    }

    public static String payload(String importId) {
        return "{\"continueImport\":\"" + importId + "\"}";
    }

    @Override
    public void continueLater(String importId) {
        lambda.invoke(b -> b.functionName(functionName).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload(importId))));
    }
}
