package org.conflictledger.imports;

import jakarta.inject.Singleton;
import org.conflictledger.testing.FaultInjector;

/** The fault injector as a bean, last in the interceptor chain, so the request counter sees every attempt. */
@Singleton
@jakarta.annotation.Priority(-100)
public class Faults extends FaultInjector {
}
