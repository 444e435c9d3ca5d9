package org.conflictledger.core.access;

import org.conflictledger.core.domain.Principal;
import org.conflictledger.core.domain.Report;
import org.conflictledger.core.domain.Source;
import org.conflictledger.core.domain.StoredReport;

/**
 * The redacted view of api.md: no submitter, no protected source's name or URL, no point finer
 * than an admin area. Applied on every read route and format.
 */
public final class Redactor {

    private Redactor() {
    }

    public static StoredReport view(StoredReport r, Principal who) {
        return who.seesInFull(r) ? r : redact(r);
    }

    public static StoredReport redact(StoredReport r) {
        Report rep = r.report();
        Source s = rep.source();
        if (s != null && s.isProtected()) {
            rep = rep.withSource(new Source(s.kind(), null, null, s.publishedAt(), s.protectedSource()));
        }
        if (rep.place() != null && rep.place().isPoint()) {
            rep = rep.withPlace(rep.place().withoutPoint());
        }
        return new StoredReport(r.id(), r.revision(), r.status(), null, r.receivedAt(), r.updatedAt(),
                r.statusNote(), rep);
    }
}
