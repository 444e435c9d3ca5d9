package org.conflictledger.lookup;

import org.conflictledger.store.ReportStore;

/**
 * The lookup function's own fixtures (lookup's test-jar), which events/lookup name by id, for the
 * deployed-shape replay. In lookup's package because {@link Fixtures} is package-private there.
 */
public final class LookupReplaySeeds {

    private LookupReplaySeeds() {
    }

    public static void seed(ReportStore store) {
        Fixtures.seed(store);
    }
}
