package org.conflictledger.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Set;
import org.conflictledger.testing.DynamoCalls;
import org.conflictledger.testing.Permissions;
import org.junit.jupiter.api.Test;

/**
 * The import role grants exactly the DynamoDB actions the import code can reach, found in its
 * bytecode; infra's PermissionsTest then holds infra/template.yaml to Permissions. Plain JUnit.
 */
class PermissionsMatchCodeTest {

    private static final Set<String> REACHABLE =
            DynamoCalls.reachableFrom(DynamoCalls.classesIn(Path.of("target/classes"), "org.conflictledger.imports"));

    @Test
    void policyGrantsWhatTheCodeCallsAndNothingElse() {
        assertEquals(Permissions.BY_FUNCTION.get("import"), REACHABLE);
    }

    @Test
    void neverScans() {
        assertFalse(REACHABLE.contains("dynamodb:Scan"));
    }
}
