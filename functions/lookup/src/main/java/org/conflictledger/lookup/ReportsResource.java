package org.conflictledger.lookup;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.conflictledger.domain.Principal;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.access.Redactor;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.domain.json.ResponseBudget;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.http.ApiException;
import org.conflictledger.http.Caller;
import org.conflictledger.http.Cursors;
import org.conflictledger.store.Keys;
import org.conflictledger.store.ReportSearch;
import org.conflictledger.store.ReportStore;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;

/** HTTP adapter of the lookup function's report routes: one report, its revisions, search and exports. */
@Path("/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    /** Compiled once (String.matches compiles on every call): a report id is a ULID. */
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    static final String NEXT_CURSOR = "X-Next-Cursor";
    static final String SEARCH_CURSOR = "search";
    static final String REVISIONS_CURSOR = "revisions";
    static final int REVISIONS_DEFAULT_LIMIT = 100;
    static final int REVISIONS_MAX_LIMIT = 500;
    static final Set<String> REVISIONS_PARAMETERS = new TreeSet<>(Set.of("limit", "cursor"));
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8");

    @Inject
    ReportStore store;

    @Inject
    ReportSearch search;

    @Inject
    Cursors cursors;

    @Inject
    Caller caller;

    /**
     * The latest revision, or {@code ?revision=N}: one GetItem, and a second one (the head) when an
     * older revision is redacted for this caller. ETag per view, 304 on a matching If-None-Match.
     */
    @GET
    @Path("/{id}")
    @Operation(summary = "A report: its latest revision, or ?revision=N; redacted per caller; ETag \"<revision>\" "
            + "for the full view (the If-Match of writes), another strong tag for the redacted view; "
            + "304 on a matching If-None-Match")
    @Parameter(name = "revision", in = ParameterIn.QUERY, description = "a revision number, 1, 2, ...")
    public Response get(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        String checked = checkId(id);
        List<String> revisions = uri.getQueryParameters().get("revision");
        if (revisions != null && revisions.size() > 1) {
            throw new InvalidInputException("revision", "may be given once");
        }
        String revision = revisions == null ? null : revisions.get(0);
        Principal who = caller.principal();
        StoredReport r = (revision == null ? store.get(checked) : store.revision(checked, revisionNumber(revision)))
                .orElseThrow(() -> ApiException.notFound(revision == null ? "no report with id " + id
                        : "report " + id + " has no revision " + revision));
        boolean full = who.seesInFull(r);
        // An older revision is redacted by the strictest of its own and the current rules (Redactor).
        StoredReport current = revision == null || full ? r : store.get(checked).orElse(r);
        String body = ReportJson.write(Redactor.view(r, current, who));
        String tag = Validators.tag(r.revision(), full, body);
        Response.ResponseBuilder out = Validators.noneMatch(headers.getRequestHeader(HttpHeaders.IF_NONE_MATCH), tag)
                ? Response.notModified()
                : Response.ok(body, JSON);
        return out.tag(tag)
                .header(HttpHeaders.CACHE_CONTROL, Validators.cacheControl(who))
                .header(HttpHeaders.VARY, Validators.VARY)
                .build();
    }

    /**
     * A page of revisions, oldest first, each redacted for the caller by the strictest of its own
     * and the current rules: one GetItem (the head), then Queries through the SDK's paginator until
     * the page holds {@code limit} revisions or its encoded size reaches {@link ResponseBudget#BYTES}.
     */
    @GET
    @Path("/{id}/revisions")
    @Operation(summary = "The revisions of a report, oldest first, each redacted per caller; a page stops at "
            + "limit revisions or near the response size budget, nextCursor (null on the last page) continues")
    @Parameters({
        @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..500, default 100"),
        @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "nextCursor of the previous page")})
    public Response revisions(@PathParam("id") String id, @Context UriInfo uri) {
        String checked = checkId(id);
        Map<String, List<String>> params = uri.getQueryParameters();
        List<FieldError> errors = new ArrayList<>();
        params.forEach((name, values) -> {
            if (!REVISIONS_PARAMETERS.contains(name)) {
                errors.add(new FieldError(name, "unknown parameter; allowed: " + REVISIONS_PARAMETERS));
            } else if (values.size() > 1) {
                errors.add(new FieldError(name, "may be given once"));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the query parameters are not valid", errors);
        }
        int limit = revisionsLimit(params.containsKey("limit") ? params.get("limit").get(0) : null);
        String fingerprint = Cursors.fingerprint(REVISIONS_CURSOR + "\n" + checked);
        int after = 0;
        if (params.containsKey("cursor")) {
            after = cursors.open(REVISIONS_CURSOR, fingerprint, params.get("cursor").get(0))
                    .filter(p -> p.matches("[0-9]{1,10}"))
                    .map(Integer::parseInt)
                    .orElseThrow(() -> new InvalidInputException("cursor",
                            "is not a cursor of this report's revisions (modified, or issued for another report)"));
        }
        Principal who = caller.principal();
        StoredReport head = store.get(checked).orElseThrow(() -> ApiException.notFound("no report with id " + id));
        // Only up to the head just read: every revision on the page is redacted by this head's rules.
        Iterator<StoredReport> revisions = store.revisions(checked, after, head.revision(), limit);
        ResponseBudget budget = new ResponseBudget();
        StringBuilder items = new StringBuilder();
        int count = 0;
        int last = after;
        boolean more = true;
        while (count < limit) {
            if (!revisions.hasNext()) {
                more = false;
                break;
            }
            StoredReport r = revisions.next();
            String json = ReportJson.write(Redactor.view(r, head, who));
            if (!budget.admit(json)) {
                break;
            }
            items.append(count++ == 0 ? "" : ",").append(json);
            last = r.revision();
        }
        String next = more && last < head.revision() ? cursors.issue(REVISIONS_CURSOR, fingerprint, Integer.toString(last))
                : null;
        // A cursor is base64url: nothing in it needs escaping.
        String body = "{\"items\":[" + items + "],\"nextCursor\":" + (next == null ? "null" : "\"" + next + "\"") + "}";
        Response.ResponseBuilder out = Response.ok(body, JSON)
                .header(HttpHeaders.CACHE_CONTROL, Validators.cacheControl(who))
                .header(HttpHeaders.VARY, Validators.VARY);
        if (next != null) {
            out.header(NEXT_CURSOR, next);
        }
        return out.build();
    }

    static int revisionsLimit(String limit) {
        if (limit == null) {
            return REVISIONS_DEFAULT_LIMIT;
        }
        // ASCII digits only, as on search: parseInt would also take "+5" and other scripts' digits.
        int n = limit.matches("[0-9]{1,9}") ? Integer.parseInt(limit) : -1;
        if (n < 1 || n > REVISIONS_MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be an integer from 1 to " + REVISIONS_MAX_LIMIT);
        }
        return n;
    }

    /** Search by area and time window; JSON, CSV or GeoJSON by Accept, the same page and cursor in each. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/geo+json"})
    @Operation(summary = "Reports whose period overlaps [from, to] in an area, by period start then id; "
            + "JSON, CSV (names row, HXL row) or GeoJSON by Accept; the next page's cursor is in nextCursor "
            + "(JSON) and the X-Next-Cursor header (every format)")
    @Parameters({
        @Parameter(name = "country", in = ParameterIn.QUERY, description = "ISO 3166-1 alpha-3; country, admin1 or admin2 is required"),
        @Parameter(name = "admin1", in = ParameterIn.QUERY, description = "admin1 p-code"),
        @Parameter(name = "admin2", in = ParameterIn.QUERY, description = "admin2 p-code (starts with admin1 if both are given)"),
        @Parameter(name = "from", in = ParameterIn.QUERY, description = "YYYY-MM-DD, first day of the window; absent: no lower bound"),
        @Parameter(name = "to", in = ParameterIn.QUERY, description = "YYYY-MM-DD, last day of the window; absent: no upper bound"),
        @Parameter(name = "eventType", in = ParameterIn.QUERY, description = "one or more, comma-separated"),
        @Parameter(name = "scope", in = ParameterIn.QUERY, description = "one or more, comma-separated"),
        @Parameter(name = "sourceKind", in = ParameterIn.QUERY, description = "one or more, comma-separated"),
        @Parameter(name = "status", in = ParameterIn.QUERY, description = "one or more, comma-separated; default every status"),
        @Parameter(name = "actor", in = ParameterIn.QUERY, description = "an actor's name (case, spacing and diacritics ignored)"),
        @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..500, default 50"),
        @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "nextCursor of the previous page of the same search")})
    public Response search(@Context UriInfo uri, @Context HttpHeaders headers) {
        // Every Accept value: the Lambda adapter may split one comma-separated header into several.
        List<String> accept = headers.getRequestHeader(HttpHeaders.ACCEPT);
        Formats format = Formats.negotiate(accept == null || accept.isEmpty() ? null : String.join(",", accept));
        if (ExternalIdSearch.asked(uri.getQueryParameters())) {
            return byExternalId(ExternalIdSearch.parse(uri.getQueryParameters()), format);
        }
        SearchRequest req = SearchRequest.parse(uri.getQueryParameters());
        Principal who = caller.principal();
        String fingerprint = Cursors.fingerprint(req.canonical());
        String after = null;
        if (req.cursor() != null) {
            after = cursors.open(SEARCH_CURSOR, fingerprint, req.cursor())
                    .orElseThrow(() -> new InvalidInputException("cursor",
                            "is not a cursor of this search (modified, or issued for other parameters)"));
        }
        ReportSearch.Page page = search.page(req.query(), req.limit(), after, ResponseBudget.BYTES);
        List<StoredReport> visible = page.items().stream().map(r -> Redactor.view(r, who)).toList();
        // Render report by report and stop before the body would pass Lambda's response limit
        // (domain/json/ResponseBudget); the cursor then continues after the last report rendered.
        Exports.Paged body = Exports.render(format, visible, Cursors.MAX_CHARS);
        String position = body.count() < visible.size()
                ? Keys.indexSort(page.items().get(body.count() - 1)) : page.after();
        String next = position == null ? null : cursors.issue(SEARCH_CURSOR, fingerprint, position);
        return page(format, body.finish(next), next);
    }

    /** The search page of the live report with this externalId: a GetItem of its uniqueness item, one of its head. */
    private Response byExternalId(ExternalIdSearch req, Formats format) {
        Principal who = caller.principal();
        List<StoredReport> visible = store.byExternalId(req.externalId()).map(r -> Redactor.view(r, who)).stream().toList();
        return page(format, Exports.render(format, visible, Cursors.MAX_CHARS).finish(null), null);
    }

    private static Response page(Formats format, String text, String next) {
        Response.ResponseBuilder r = switch (format) {
            case JSON -> Response.ok(text, JSON);
            case CSV -> Response.ok(text, "text/csv; charset=utf-8; header=present");
            case GEOJSON -> Response.ok(text, "application/geo+json; charset=utf-8");
        };
        if (next != null) {
            r.header(NEXT_CURSOR, next);
        }
        return r.header("Vary", "Accept, Authorization").build();
    }

    static int revisionNumber(String revision) {
        if (!revision.matches("[1-9][0-9]{0,8}")) {
            throw new InvalidInputException("revision", "must be a revision number: 1, 2, ...");
        }
        return Integer.parseInt(revision);
    }

    /** Ids are ULIDs; anything else cannot exist, so it is a 404 without touching storage. */
    static String checkId(String id) {
        if (id == null || !ULID.matcher(id).matches()) {
            throw ApiException.notFound("no report with id " + id);
        }
        return id;
    }
}
