package org.conflictledger.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.conflictledger.domain.Place;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Principal;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Role;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.fixtures.SampleReports;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.json.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RedactorTest {

    private static final Principal OWNER = new Principal("user-1", Set.of(Role.REPORTER));
    private static final Principal OTHER_REPORTER = new Principal("user-2", Set.of(Role.REPORTER));
    private static final Principal EDITOR = new Principal("ed-1", Set.of(Role.EDITOR));
    private static final Principal ANALYST = new Principal("an-1", Set.of(Role.ANALYST));
    private static final Principal NO_ROLES = new Principal("user-1", Set.of());

    private static Report withSource(boolean isProtected) {
        Report r = SampleReports.valid();
        Source s = r.source();
        return r.withSource(new Source(s.kind(), s.name(), s.url(), s.publishedAt(), isProtected));
    }

    private static Report withPoint(PlacePrecision precision) {
        Report r = SampleReports.valid();
        Place p = r.place();
        return r.withPlace(new Place(p.country(), p.admin1(), "SY0200", null, p.name(), 36.2021, 37.1343, precision));
    }

    private static StoredReport sensitive() {
        Report r = withPoint(PlacePrecision.EXACT);
        Source s = r.source();
        return SampleReports.stored(r.withSource(new Source(s.kind(), s.name(), s.url(), s.publishedAt(), true)), "user-1");
    }

    @Test
    void redactedViewHasNoSubmitter() {
        StoredReport r = Redactor.redact(SampleReports.stored("user-1"));
        assertNull(r.submittedBy());
        assertEquals(SampleReports.valid(), r.report(), "nothing else changes for an unprotected admin1 report");
        assertEquals(SampleReports.stored("user-1").id(), r.id());
        assertEquals(1, r.revision());
    }

    @Test
    void protectedSourceLosesNameAndUrlOnly() {
        StoredReport r = Redactor.redact(SampleReports.stored(withSource(true), "user-1"));
        Source s = r.report().source();
        assertNull(s.name());
        assertNull(s.url());
        assertEquals(SampleReports.valid().source().kind(), s.kind());
        assertEquals(SampleReports.valid().source().publishedAt(), s.publishedAt());
        assertTrue(s.isProtected());
    }

    @Test
    void unprotectedSourceKeepsNameAndUrl() {
        for (Boolean p : new Boolean[] {false, null}) {
            Report rep = SampleReports.valid();
            Source s0 = rep.source();
            rep = rep.withSource(new Source(s0.kind(), s0.name(), s0.url(), s0.publishedAt(), p));
            Source s = Redactor.redact(SampleReports.stored(rep, "u")).report().source();
            assertEquals("Syrian Observatory for Human Rights", s.name());
            assertEquals("https://example.org/article/123", s.url());
        }
    }

    @ParameterizedTest
    @EnumSource(value = PlacePrecision.class, names = {"EXACT", "NEAR"})
    void pointIsRemovedForExactAndNear(PlacePrecision precision) {
        Place p = Redactor.redact(SampleReports.stored(withPoint(precision), "u")).report().place();
        assertNull(p.lat());
        assertNull(p.lon());
        assertEquals("SYR", p.country());
        assertEquals("SY02", p.admin1());
        assertEquals("SY0200", p.admin2());
        assertEquals("Aleppo", p.name());
        assertEquals(precision, p.precision());
    }

    @ParameterizedTest
    @EnumSource(value = PlacePrecision.class, names = {"ADMIN2", "ADMIN1", "COUNTRY"})
    void coordinatesOfAnAdminAreaStay(PlacePrecision precision) {
        Place p = Redactor.redact(SampleReports.stored(withPoint(precision), "u")).report().place();
        assertEquals(36.2021, p.lat());
        assertEquals(37.1343, p.lon());
    }

    @Test
    void redactedJsonOmitsTheFields() {
        JsonNode n = Json.mapper().valueToTree(ReportJson.toNode(Redactor.redact(sensitive())));
        assertFalse(n.has("submittedBy"));
        assertFalse(n.get("source").has("name"));
        assertFalse(n.get("source").has("url"));
        assertFalse(n.get("place").has("lat"));
        assertFalse(n.get("place").has("lon"));
        assertTrue(n.get("place").has("admin1") && n.get("place").has("name"));
        assertTrue(n.get("source").has("kind") && n.get("source").has("publishedAt"));
    }

    @Test
    void redactionDoesNotChangeTheOriginal() {
        StoredReport original = sensitive();
        Redactor.redact(original);
        assertEquals("user-1", original.submittedBy());
        assertEquals(36.2021, original.report().place().lat());
        assertEquals("Syrian Observatory for Human Rights", original.report().source().name());
    }

    @Test
    void publicSeesTheRedactedView() {
        StoredReport r = Redactor.view(sensitive(), Principal.PUBLIC);
        assertNull(r.submittedBy());
        assertNull(r.report().source().name());
        assertNull(r.report().place().lat());
    }

    @Test
    void ownerReporterSeesInFull() {
        StoredReport s = sensitive();
        assertSame(s, Redactor.view(s, OWNER));
        assertTrue(OWNER.seesInFull(s));
    }

    @Test
    void otherReporterSeesTheRedactedView() {
        assertFalse(OTHER_REPORTER.seesInFull(sensitive()));
        StoredReport r = Redactor.view(sensitive(), OTHER_REPORTER);
        assertNull(r.submittedBy());
        assertNull(r.report().source().url());
        assertNull(r.report().place().lon());
    }

    @Test
    void editorsAndAnalystsSeeInFull() {
        StoredReport s = sensitive();
        assertSame(s, Redactor.view(s, EDITOR));
        assertSame(s, Redactor.view(s, ANALYST));
    }

    @Test
    void sameSubjectWithoutTheReporterRoleIsRedacted() {
        assertFalse(NO_ROLES.seesInFull(sensitive()));
        assertNull(Redactor.view(sensitive(), NO_ROLES).submittedBy());
    }

    @Test
    void reporterAndReportWithoutSubmitterIsRedacted() {
        StoredReport s = SampleReports.stored(withSource(true), null);
        assertFalse(OWNER.seesInFull(s));
        assertNull(Redactor.view(s, OWNER).report().source().name());
    }

    @Test
    void seesInFullFromClaims() {
        StoredReport s = sensitive();
        assertTrue(Claims.principal(Map.of("sub", "user-1", "cognito:groups", "[reporter]")).seesInFull(s));
        assertFalse(Claims.principal(Map.of("sub", "user-9", "cognito:groups", "[reporter]")).seesInFull(s));
        assertTrue(Claims.principal(Map.of("sub", "x", "scope", "ledger-api/analyst"), "ledger-api/").seesInFull(s));
        assertFalse(Claims.principal(Map.of()).seesInFull(s));
    }

    @Test
    void anOlderRevisionIsRedactedByTheStrictestOfItsOwnAndTheCurrentRules() {
        // Revision 1: open source, coordinates at admin2 precision; revision 2 protects and pins them.
        StoredReport first = SampleReports.stored(withPoint(PlacePrecision.ADMIN2), "user-1");
        Report pinned = withPoint(PlacePrecision.EXACT);
        Source s = pinned.source();
        StoredReport current = first.next(first.status(),
                pinned.withSource(new Source(s.kind(), s.name(), s.url(), s.publishedAt(), true)), first.updatedAt(), null);
        for (Principal who : new Principal[] {Principal.PUBLIC, OTHER_REPORTER, NO_ROLES}) {
            StoredReport r = Redactor.view(first, current, who);
            assertNull(r.report().source().name());
            assertNull(r.report().source().url());
            assertNull(r.report().place().lat());
            assertNull(r.report().place().lon());
            assertEquals(PlacePrecision.ADMIN2, r.report().place().precision(), "the revision's own values stay");
            assertEquals(1, r.revision());
        }
        assertSame(first, Redactor.view(first, current, OWNER));
        assertSame(first, Redactor.view(first, current, EDITOR));
        // And the other way round: opening the source later does not open revision 1.
        StoredReport opened = sensitive().next(sensitive().status(), SampleReports.valid(), sensitive().updatedAt(), null);
        StoredReport r = Redactor.view(sensitive(), opened, Principal.PUBLIC);
        assertNull(r.report().source().name());
        assertNull(r.report().place().lat());
        // Without a stricter current revision, the view of a revision is its own.
        assertEquals(Redactor.view(first, Principal.PUBLIC), Redactor.view(first, first, Principal.PUBLIC));
        assertEquals("Syrian Observatory for Human Rights",
                Redactor.view(first, Principal.PUBLIC).report().source().name());
    }
}
