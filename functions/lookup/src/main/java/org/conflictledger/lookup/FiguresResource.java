package org.conflictledger.lookup;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.Set;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.http.QueryParams;

/**
 * GET /v1/figures and /v1/figures/daily: reconciled figures for an area and window. Figures carry
 * report ids and source counts, never a submitter or a source's name, so every role sees the same.
 */
@Path("/v1/figures")
@Produces(MediaType.APPLICATION_JSON)
public class FiguresResource {

    private static final Set<String> PARAMS = Set.of("country", "admin1", "admin2", "from", "to", "metric", "group");

    @Inject
    FiguresService figures;

    @Context
    UriInfo uri;

    @GET
    public Response figures() {
        return ok(figures.figures(window()).toString());
    }

    @GET
    @Path("/daily")
    public Response daily() {
        return ok(figures.daily(window()).toString());
    }

    private static Response ok(String json) {
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).build();
    }

    private FiguresService.Window window() {
        QueryParams q = QueryParams.of(uri.getQueryParameters(), PARAMS);
        String country = q.country("country");
        String admin1 = q.pcode("admin1", "SY02");
        String admin2 = q.pcode("admin2", "SY0200");
        if (country == null && q.valid()) {
            q.error("country", "is required (ISO 3166-1 alpha-3, such as SYR)");
        }
        if (admin2 != null && (admin1 == null || !admin2.startsWith(admin1) || admin2.length() <= admin1.length())) {
            q.error("admin2", "must be a p-code under admin1 (admin2 SY0200 under SY02), with admin1 given");
        }
        LocalDate from = q.date("from", true);
        LocalDate to = q.date("to", true);
        Metric metric = q.choice("metric", Metric.class);
        Group group = q.choice("group", Group.class);
        q.check();
        return new FiguresService.Window(new Area(country, admin1, admin2), from, to, metric, group);
    }
}
