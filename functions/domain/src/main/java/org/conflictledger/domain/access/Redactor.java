package org.conflictledger.domain.access;

import org.conflictledger.domain.Place;
import org.conflictledger.domain.Principal;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.StoredReport;

/**
 * The redacted view of docs/api.md: no submitter, no protected source's name or URL, no point finer
 * than an admin area. Applied on every read route and format, through {@link #view}.
 *
 * <p>A revision is redacted by the strictest of its own and the report's current protection and
 * precision: a correction that protects a source or makes the point exact also hides them in
 * every earlier revision (docs/lookup.md, "Single reports and revisions").
 */
public final class Redactor {

    private Redactor() {
    }

    /** The latest revision as {@code who} may see it (search, exports: the head is the revision). */
    public static StoredReport view(StoredReport r, Principal who) {
        return view(r, r, who);
    }

    /**
     * Revision {@code r} as {@code who} may see it, given {@code current}, the report's latest
     * revision. The one rule every read path uses.
     */
    public static StoredReport view(StoredReport r, StoredReport current, Principal who) {
        return who.seesInFull(r) ? r : redact(r, current);
    }

    public static StoredReport redact(StoredReport r) {
        return redact(r, r);
    }

    private static StoredReport redact(StoredReport r, StoredReport current) {
        Report rep = r.report();
        Report now = current.report();
        Source s = rep.source();
        if (s != null && (s.isProtected() || (now.source() != null && now.source().isProtected()))) {
            rep = rep.withSource(new Source(s.kind(), null, null, s.publishedAt(), s.protectedSource()));
        }
        if (rep.place() != null && (rep.place().isPoint() || isPoint(now.place()))) {
            rep = rep.withPlace(rep.place().withoutPoint());
        }
        return new StoredReport(r.id(), r.revision(), r.status(), null, r.receivedAt(), r.updatedAt(),
                r.statusNote(), rep);
    }

    private static boolean isPoint(Place p) {
        return p != null && p.isPoint();
    }
}
