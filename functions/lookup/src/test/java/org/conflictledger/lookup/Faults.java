package org.conflictledger.lookup;

import jakarta.inject.Singleton;
import org.conflictledger.testing.FaultInjector;

/** The fault injector as a bean, so the function's DynamoDB client picks it up in tests only. */
/** Last in the interceptor chain, so the request counter sees every attempt, failed ones too. */
@Singleton
@jakarta.annotation.Priority(-100)
public class Faults extends FaultInjector {
}
