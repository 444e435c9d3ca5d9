package org.conflictledger.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.conflictledger.testing.fixture.Handler;
import org.conflictledger.testing.fixture.LocalRun;
import org.conflictledger.testing.fixture.Reader;
import org.conflictledger.testing.fixture.Store;
import org.junit.jupiter.api.Test;

class DynamoCallsTest {

    @Test
    void findsWhatTheRootReachesThroughLambdasMethodReferencesAndInterfaces() {
        // Not Scan (an uncalled overload), BatchWriteItem or the Update element (an uncalled method).
        assertEquals(Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem",
                        "dynamodb:Query", "dynamodb:DeleteItem"),
                DynamoCalls.reachableFrom(List.of(Handler.class.getName())));
    }

    @Test
    void everyMethodOfARootIsAnEntryPoint() {
        assertEquals(Set.of("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:ConditionCheckItem",
                        "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"),
                DynamoCalls.reachableFrom(List.of(Store.class.getName())));
    }

    @Test
    void followsMethodsNotClasses() {
        // ReportStore also writes (TransactWriteItems), but Reader calls only get and revisions.
        assertEquals(Set.of("dynamodb:GetItem", "dynamodb:Query"),
                DynamoCalls.reachableFrom(List.of(Reader.class.getName())));
    }

    @Test
    void ignoresTheLocalTableSetup() {
        assertEquals(Set.of(), DynamoCalls.reachableFrom(List.of(LocalRun.class.getName())));
    }

    @Test
    void listsClassesOfAPackage() {
        List<String> classes = DynamoCalls.classesIn(Path.of("target/test-classes"), "org.conflictledger.testing.fixture");
        assertTrue(classes.containsAll(List.of(Handler.class.getName(), Store.class.getName())), classes.toString());
        assertTrue(classes.stream().allMatch(c -> c.startsWith("org.conflictledger.testing.fixture.")), classes.toString());
    }
}
