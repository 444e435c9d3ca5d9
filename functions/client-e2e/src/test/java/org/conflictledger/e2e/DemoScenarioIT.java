package org.conflictledger.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.conflictledger.client.ApiClient;
import org.conflictledger.client.ApiException;
import org.conflictledger.client.ApiResponse;
import org.conflictledger.client.api.FiguresApi;
import org.conflictledger.client.api.ReadsApi;
import org.conflictledger.client.api.ReportsApi;
import org.conflictledger.client.model.Change;
import org.conflictledger.client.model.ChangePage;
import org.conflictledger.client.model.FigureResult;
import org.conflictledger.client.model.Figures;
import org.conflictledger.client.model.Group;
import org.conflictledger.client.model.Metric;
import org.conflictledger.client.model.Period;
import org.conflictledger.client.model.ReportInput;
import org.conflictledger.client.model.ReportPage;
import org.conflictledger.client.model.Status;
import org.conflictledger.client.model.StoredReport;
import org.junit.jupiter.api.Test;

/**
 * The demo scenario through the client generated from docs/openapi.yaml, against the running
 * local API (the gateway of infra/local/gateway.mjs with real tokens of the local issuer):
 * submit, correct with If-Match, search with paging, the change feed, figures after an
 * aggregation run. infra/local/e2e.sh runs it ({@code -Pscenario}) with:
 * LEDGER_API (the gateway), LEDGER_REPORTER_TOKEN, LEDGER_AGGREGATE_URL (the aggregate function's
 * event endpoint). A missing setting fails: this class never skips.
 */
class DemoScenarioIT {

    // The report's own area and days, so that the figures there are this report's alone.
    static final String ADMIN1 = "SY07";
    static final LocalDate START = LocalDate.of(2024, 10, 1);
    static final LocalDate END = LocalDate.of(2024, 10, 2);

    static String setting(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run through infra/local/e2e.sh (make e2e)");
        }
        return v;
    }

    static Path repository() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs").resolve("openapi.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    @Test
    void theDemoThroughTheGeneratedClient() throws Exception {
        String base = setting("LEDGER_API");
        String bearer = "Bearer " + setting("LEDGER_REPORTER_TOKEN");
        String aggregate = setting("LEDGER_AGGREGATE_URL");
        Instant began = Instant.now().minus(1, ChronoUnit.SECONDS);

        ApiClient writer = new ApiClient();
        writer.updateBaseUri(base);
        writer.setRequestInterceptor(b -> b.header("Authorization", bearer));
        ApiClient reader = new ApiClient();
        reader.updateBaseUri(base);
        ReportsApi reports = new ReportsApi(writer);
        ReadsApi reads = new ReadsApi(reader);
        FiguresApi figures = new FiguresApi(reader);

        // 1. Submit: the README's sample report, moved to its own area and days.
        ReportInput input = writer.getObjectMapper().readValue(
                repository().resolve("docs/samples/report.json").toFile(), ReportInput.class);
        input.getPlace().admin1(ADMIN1).name("Hama");
        input.period(new Period().start(START).end(END));
        input.summary("Generated-client scenario " + UUID.randomUUID());
        ApiResponse<StoredReport> created = reports.createReportWithHttpInfo(input, UUID.randomUUID().toString());
        assertEquals(201, created.getStatusCode());
        StoredReport stored = created.getData();
        String id = stored.getId();
        assertEquals(1, stored.getRevision());
        assertEquals(Status.RECEIVED, stored.getStatus());
        assertEquals("\"1\"", first(created.getHeaders(), "ETag"));
        assertEquals("/v1/reports/" + id, first(created.getHeaders(), "Location"));

        // 2. Correct with If-Match: 255 -> 260 killed. A stale If-Match is 412, as a problem document.
        input.getFigures().get(0).value(260).text("260 killed");
        ApiResponse<StoredReport> corrected = reports.correctReportWithHttpInfo(first(created.getHeaders(), "ETag"),
                id, input, null);
        assertEquals(200, corrected.getStatusCode());
        assertEquals(2, corrected.getData().getRevision());
        assertEquals("\"2\"", first(corrected.getHeaders(), "ETag"));
        ApiException stale = assertThrows(ApiException.class, () -> reports.correctReport("\"1\"", id, input, null));
        assertEquals(412, stale.getCode());
        assertTrue(stale.getResponseBody().contains("\"status\":412"), stale.getResponseBody());
        StoredReport read = reads.getReport(id, null, null, bearer);
        assertEquals(2, read.getRevision());
        assertEquals(260, read.getFigures().get(0).getValue());

        // 3. Search with paging: two reports a page, every page followed; the report is there once.
        List<String> ids = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            ReportPage page = reads.searchReports(null, "SYR", null, null, LocalDate.of(2024, 10, 1),
                    LocalDate.of(2024, 11, 30), null, null, null, null, null, 2, cursor, bearer);
            assertTrue(page.getItems().size() <= 2);
            page.getItems().forEach(r -> ids.add(r.getId()));
            cursor = page.getNextCursor();
            pages++;
            assertTrue(pages < 100, "the search ends");
        } while (cursor != null);
        assertEquals(1, ids.stream().filter(id::equals).count(), ids.toString());
        assertTrue(pages >= 2, "the demo data set fills more than one page of two: " + ids);
        assertEquals(ids.size(), ids.stream().distinct().count(), "no report twice across pages");

        // 4. The change feed from before the submit, one change a page, to its end (an empty page,
        // whose cursor is where to poll from later).
        List<String> changes = new ArrayList<>();
        String since = began.toString();
        for (int n = 0; ; n++) {
            assertTrue(n < 200, "the feed ends");
            ChangePage page = reads.listChanges(since, 1, null);
            assertNotNull(page.getNextCursor(), "a feed page always has a cursor");
            since = page.getNextCursor();
            if (page.getItems().isEmpty()) {
                break;
            }
            for (Change c : page.getItems()) {
                if (c.getId().equals(id)) {
                    changes.add(c.getRevision() + " " + c.getChange().getValue());
                }
            }
        }
        assertEquals(List.of("1 created", "2 corrected"), changes);

        // 5. Figures after one aggregation run: this area and window hold this report alone.
        HttpResponse<String> run = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(aggregate))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(repository().resolve("events/aggregate/scheduled.ok.json")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, run.statusCode(), run.body());
        Figures f = figures.getFigures("SYR", START, END, ADMIN1, null, Metric.KILLED, Group.ALL, null);
        assertEquals(0, f.getPending(), "nothing pending after the run: " + f);
        assertEquals(1, f.getFigures().size(), f.toString());
        FigureResult killed = f.getFigures().get(0);
        assertEquals(List.of(260, 260, 260), List.of(killed.getLow(), killed.getBest(), killed.getHigh()), f.toString());
        assertEquals(List.of(id), killed.getReports(), f.toString());
        assertEquals(1, killed.getSources(), f.toString());
        assertEquals(FigureResult.BasisEnum.PERIOD_TOTAL, killed.getBasis(), f.toString());
    }
}
