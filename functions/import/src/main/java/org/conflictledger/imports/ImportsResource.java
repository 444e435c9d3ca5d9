package org.conflictledger.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.conflictledger.domain.Principal;
import org.conflictledger.domain.Role;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.imports.AdminUnit;
import org.conflictledger.domain.imports.Gazetteer;
import org.conflictledger.domain.imports.ImportFileException;
import org.conflictledger.domain.imports.ImportFormat;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.http.ApiException;
import org.conflictledger.http.Caller;
import org.conflictledger.store.GazetteerStore;
import org.conflictledger.store.ImportJob;
import org.conflictledger.store.ImportStore;

/** The import routes of api.md, "Imports and places". */
@Path("/v1")
public class ImportsResource {

    /** The JSON of POST /v1/imports is three small fields. */
    static final int MAX_CREATE_BYTES = 16 * 1024;
    /** A country's admin table as CSV (the largest COD admin2 tables are a few hundred KB). */
    static final int MAX_PLACES_BYTES = 5 * 1024 * 1024;
    static final int MAX_FILENAME = 255;
    private static final Set<String> CREATE_FIELDS = Set.of("format", "filename", "source");

    @Inject
    Caller caller;

    @Inject
    ImportStore imports;

    @Inject
    GazetteerStore places;

    @Inject
    Uploads uploads;

    @Inject
    ImportSettings settings;

    @Inject
    Clock clock;

    @POST
    @Path("/imports")
    @Consumes("application/json")
    @Produces("application/json")
    public Response create(byte[] body) {
        Principal who = caller.principal();
        if (who.isPublic()) {
            throw ApiException.unauthorized();
        }
        if (!who.has(Role.REPORTER) && !who.has(Role.EDITOR)) {
            throw ApiException.forbidden("only reporters and editors import");
        }
        if (body != null && body.length > MAX_CREATE_BYTES) {
            throw ApiException.tooLarge("an import request may be at most " + MAX_CREATE_BYTES + " bytes");
        }
        JsonNode root = new ReportReader(null).tree(body);
        if (!root.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object with format, filename and an optional source");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!CREATE_FIELDS.contains(f)) {
                errors.add(new FieldError(f, "unknown field '" + f + "'"));
            }
        }
        JsonNode format = root.get("format");
        ImportFormat f = format != null && format.isTextual() ? ImportFormat.fromWire(format.asText()).orElse(null) : null;
        if (f == null) {
            errors.add(new FieldError("format", "is required: one of acled, acled-deletions, ucdp-ged, hxl"));
        }
        JsonNode filename = root.get("filename");
        if (filename == null || !filename.isTextual() || filename.asText().isBlank()
                || filename.asText().length() > MAX_FILENAME || filename.asText().chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("filename", "is required: 1 to " + MAX_FILENAME + " characters, no control characters"));
        }
        String sourceJson = source(root.get("source"), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the import request is invalid", errors);
        }
        String id = UlidCreator.getMonotonicUlid().toString();
        Uploads.Url url = uploads.presignPut(id, settings.uploadValidFor());
        Instant now = clock.instant();
        imports.create(new ImportJob(id, f.wire(), filename.asText(), sourceJson, who.subject(),
                ImportJob.AWAITING_UPLOAD, now, url.expiresAt(), null, null, null, 0, null, 0));
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("id", id);
        out.put("status", ImportJob.AWAITING_UPLOAD);
        out.put("uploadUrl", url.url());
        out.put("uploadExpiresAt", url.expiresAt().toString());
        return Response.created(URI.create("/v1/imports/" + id)).entity(out.toString()).build();
    }

    /** The optional source of every row (hxl files whose rows name none): kind and name at least. */
    private static String source(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            Source s = Json.mapper().treeToValue(node, Source.class);
            if (s.kind() == null) {
                errors.add(new FieldError("source.kind", "is required"));
            }
            if (s.name() == null || s.name().isBlank() || s.name().length() > 200) {
                errors.add(new FieldError("source.name", "is required: 1 to 200 characters"));
            }
            return Json.mapper().writeValueAsString(s);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            errors.add(new FieldError("source", "must be a source object (kind, name, url, publishedAt, protected)"));
            return null;
        }
    }

    @GET
    @Path("/imports/{id}")
    @Produces("application/json")
    public String get(@PathParam("id") String id) {
        Principal who = caller.principal();
        if (who.isPublic()) {
            throw ApiException.unauthorized();
        }
        ImportJob job = id.matches("[0-9A-Za-z]{26}") ? imports.get(id).orElse(null) : null;
        if (job == null) {
            throw ApiException.notFound("no import with id " + id);
        }
        if (!who.subject().equals(job.creator()) && !who.has(Role.EDITOR) && !who.has(Role.ANALYST)) {
            throw ApiException.forbidden("an import is visible to its creator, editors and analysts");
        }
        ImportJob.Progress p = job.progress();
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("id", job.id());
        out.put("format", job.format());
        out.put("filename", job.filename());
        out.put("status", job.effectiveStatus(clock.instant()));
        out.put("rows", p.rows());
        out.put("created", p.created());
        out.put("corrected", p.corrected());
        out.put("unchanged", p.unchanged());
        out.put("retracted", p.retracted());
        out.put("rejected", p.rejected());
        out.put("warnings", p.warnings());
        ArrayNode errors = out.putArray("errors");
        for (ImportJob.RowError e : job.listed().errors()) {
            errors.addObject().put("row", e.row()).put("field", e.field() == null ? "" : e.field())
                    .put("message", e.message());
        }
        if (ImportJob.FAILED.equals(job.effectiveStatus(clock.instant())) && ImportJob.AWAITING_UPLOAD.equals(job.status())) {
            errors.addObject().put("row", 0).put("field", "file")
                    .put("message", "the upload did not arrive before " + job.uploadExpiresAt());
        }
        // "warnings" is the count (api.md); the first 1,000 themselves are an added list (docs/imports.md).
        ArrayNode warningList = out.putArray("warningList");
        for (ImportJob.RowError w : job.listed().warnings()) {
            ObjectNode n = warningList.addObject().put("row", w.row());
            if (w.field() != null) {
                n.put("field", w.field());
            }
            n.put("message", w.message());
        }
        out.put("startedAt", job.startedAt() == null ? null : job.startedAt().toString());
        out.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
        return out.toString();
    }

    @PUT
    @Path("/places/{country}")
    @Consumes({"text/csv", "text/plain"})
    @Produces("application/json")
    public String putPlaces(@PathParam("country") String country, byte[] body) {
        Principal who = caller.principal();
        if (who.isPublic()) {
            throw ApiException.unauthorized();
        }
        if (!who.has(Role.EDITOR)) {
            throw ApiException.forbidden("only editors change the gazetteer");
        }
        if (body != null && body.length > MAX_PLACES_BYTES) {
            throw ApiException.tooLarge("a gazetteer may be at most " + MAX_PLACES_BYTES + " bytes");
        }
        Gazetteer g;
        try {
            g = Gazetteer.parse(country, new ByteArrayInputStream(body == null ? new byte[0] : body));
        } catch (ImportFileException e) {
            throw new InvalidInputException("the gazetteer cannot be used", List.of(new FieldError("body", e.getMessage())));
        }
        if (g.units(country).isEmpty()) {
            throw new InvalidInputException("body", "the gazetteer has no admin units");
        }
        try {
            GazetteerStore.Table t = places.put(country, g.toCsv(country), g.units(country).size(), who.subject());
            return json(t, g);
        } catch (IllegalArgumentException e) {
            throw ApiException.tooLarge("the gazetteer is too large to store: " + e.getMessage());
        }
    }

    @GET
    @Path("/places/{country}")
    @Produces("application/json")
    public String getPlaces(@PathParam("country") String country) {
        GazetteerStore.Table t = country.matches("[A-Z]{3}") ? places.get(country).orElse(null) : null;
        if (t == null) {
            throw ApiException.notFound("no gazetteer for " + country);
        }
        try {
            return json(t, Gazetteer.parse(country, new ByteArrayInputStream(t.csv().getBytes(StandardCharsets.UTF_8))));
        } catch (ImportFileException e) {
            throw new IllegalStateException("stored gazetteer " + country + " unreadable", e);
        }
    }

    @GET
    @Path("/places/{country}")
    @Produces("text/csv")
    public String getPlacesCsv(@PathParam("country") String country) {
        GazetteerStore.Table t = country.matches("[A-Z]{3}") ? places.get(country).orElse(null) : null;
        if (t == null) {
            throw ApiException.notFound("no gazetteer for " + country);
        }
        return t.csv();
    }

    private static String json(GazetteerStore.Table t, Gazetteer g) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("country", t.country());
        out.put("updatedAt", t.updatedAt().toString());
        ArrayNode units = out.putArray("units");
        for (AdminUnit u : g.units(t.country())) {
            ObjectNode n = units.addObject();
            n.put("adm1Code", u.adm1Code());
            n.put("adm1Name", u.adm1Name());
            if (!u.isAdmin1()) {
                n.put("adm2Code", u.adm2Code());
                n.put("adm2Name", u.adm2Name());
            }
            ArrayNode aliases = n.putArray("aliases");
            u.aliases().forEach(aliases::add);
        }
        return out.toString();
    }
}
