package org.conflictledger.lookup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.http.Cursors;
import org.conflictledger.http.QueryParams;
import org.conflictledger.store.ChangeFeed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The change feed: every create, correction, review and retraction after {@code since}, oldest
 * first. Entries carry no submitter, so they are the same for every caller.
 */
@Path("/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangesResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final String FEED_CURSOR = "changes";
    static final String FEED_FINGERPRINT = "feed-v1";

    @Inject
    ChangeFeed feed;

    @Inject
    Cursors cursors;

    @Context
    UriInfo uri;

    static final Set<String> PARAMETERS = Set.of("since", "limit");

    @GET
    @Operation(summary = "Creates, corrections, reviews and retractions after since, oldest first; "
            + "nextCursor is null when the feed is read up to now")
    public Response changes(
            @Parameter(required = true, description = "an ISO 8601 instant (changes strictly after it) or a nextCursor")
            @QueryParam("since") String since,
            @Parameter(description = "1..1000, default 100") @QueryParam("limit") String limit) {
        QueryParams q = QueryParams.of(uri.getQueryParameters(), PARAMETERS);
        int n = q.limit("limit", DEFAULT_LIMIT, MAX_LIMIT);
        q.check();
        ChangeFeed.Position from = position(since);
        ChangeFeed.Page page = feed.page(from, n);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode items = out.putArray("items");
        for (Change c : page.items()) {
            items.addObject().put("id", c.id()).put("revision", c.revision()).put("status", c.status().toString())
                    .put("change", c.change().toString()).put("at", c.at().toString());
        }
        String next = page.next() == null ? null : cursors.issue(FEED_CURSOR, FEED_FINGERPRINT,
                page.next().month() + "|" + (page.next().after() == null ? "" : page.next().after()));
        out.put("nextCursor", next);
        Response.ResponseBuilder r = Response.ok(out.toString(), MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"));
        if (next != null) {
            r.header(ReportsResource.NEXT_CURSOR, next);
        }
        return r.build();
    }

    /** An ISO 8601 instant (strictly after it), or a cursor this route issued. */
    ChangeFeed.Position position(String since) {
        if (since == null || since.isBlank()) {
            throw new InvalidInputException("since", "is required: an ISO 8601 instant such as 2024-11-01T00:00:00Z, "
                    + "or the nextCursor of a previous page");
        }
        if (since.length() <= 40 && Character.isDigit(since.charAt(0))) {
            try {
                return ChangeFeed.Position.after(Instant.parse(since));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("since", "must be an ISO 8601 instant in UTC, such as 2024-11-01T00:00:00Z");
            }
        }
        String p = cursors.open(FEED_CURSOR, FEED_FINGERPRINT, since).orElseThrow(() -> new InvalidInputException(
                "since", "is neither an instant nor a cursor of this feed (modified, or from another route)"));
        int bar = p.indexOf('|');
        return new ChangeFeed.Position(YearMonth.parse(p.substring(0, bar)),
                bar == p.length() - 1 ? null : p.substring(bar + 1));
    }
}
