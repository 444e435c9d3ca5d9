package org.conflictledger.aggregate;

import jakarta.inject.Singleton;
import org.conflictledger.testing.FaultInjector;

/** Last in the interceptor chain, so the request counter sees every attempt, failed ones too. */
@Singleton
@jakarta.annotation.Priority(-100)
public class Faults extends FaultInjector {
}
