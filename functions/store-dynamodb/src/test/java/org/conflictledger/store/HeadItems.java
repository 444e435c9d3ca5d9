package org.conflictledger.store;

import java.util.Map;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The head item a create writes, for tests that load many heads at once (test-support's Bulk):
 * shipped in this module's test-jar so that production code need not expose its item mapping.
 */
public final class HeadItems {

    private HeadItems() {
    }

    public static Map<String, AttributeValue> of(StoredReport r) {
        return ReportItems.head(r, ReportJson.write(r));
    }
}
