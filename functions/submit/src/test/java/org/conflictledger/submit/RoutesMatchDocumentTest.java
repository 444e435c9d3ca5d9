package org.conflictledger.submit;

import org.conflictledger.testing.SamTemplate;
import org.conflictledger.testing.contract.RouteSets;
import org.junit.jupiter.api.Test;

/**
 * The submit function's JAX-RS routes are exactly the routes infra/template.yaml sends it and the
 * ones docs/openapi.yaml documents for them (issue 14; infra/local/openapi-routes.test.mjs checks
 * the template against the whole document).
 */
class RoutesMatchDocumentTest {

    @Test
    void theCodeServesWhatTheTemplateRoutesHereAndTheDocumentDescribes() {
        RouteSets.assertCodeTemplateAndDocumentAgree("org.conflictledger.submit",
                SamTemplate.load().routes(SamTemplate.functionLogicalId("submit")));
    }
}
