package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Set;
import org.conflictledger.testing.DynamoCalls;
import org.conflictledger.testing.Permissions;
import org.junit.jupiter.api.Test;

/**
 * The lookup role grants exactly the DynamoDB actions the lookup code can reach, found in its bytecode:
 * a missing grant fails in AWS only, an extra one is access nobody needs. core's PermissionsTest
 * then holds infra/template.yaml to Permissions. Plain JUnit: nothing boots.
 */
class PermissionsMatchCodeTest {

    private static final Set<String> REACHABLE =
            DynamoCalls.reachableFrom(DynamoCalls.classesIn(Path.of("target/classes"), "org.conflictledger.lookup"));

    @Test
    void policyGrantsWhatTheCodeCallsAndNothingElse() {
        assertEquals(Permissions.BY_FUNCTION.get("lookup"), REACHABLE);
    }

    @Test
    void neverScans() {
        assertFalse(REACHABLE.contains("dynamodb:Scan"));
    }
}
