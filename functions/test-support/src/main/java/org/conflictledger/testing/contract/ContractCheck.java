package org.conflictledger.testing.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One HTTP exchange against docs/openapi.yaml (through {@link OpenApi30View}), with Atlassian's
 * validator. The rules:
 * <ul>
 * <li>A route the document does not have is not checked here (counted as {@link #skipped()}):
 * the route-set tests compare the routes themselves, and a test may probe an unknown route.</li>
 * <li>A request the document accepts: the response must match the operation (a declared status,
 * its media type, body schema and headers).</li>
 * <li>A request the document rejects (a negative test): the function must reject it too (4xx),
 * with a response that matches the operation; a 2xx means the code accepts what the contract
 * forbids.</li>
 * <li>On the batch route a request whose faults all lie inside {@code reports[i]} is accepted when
 * {@code results[i]} is a 4xx: the route answers each report on its own (docs/api.md).</li>
 * <li>A 405 is not checked: API Gateway never routes a method the function lacks to it.</li>
 * <li>A body on a route that takes none (a GET) is not a fault: HTTP gives it no meaning.</li>
 * <li>Security requirements are not checked: in these tests API Gateway's authorizer is stood in
 * for by claims in the raw event (docs/lookup.md, "Identity on GET routes").</li>
 * </ul>
 */
public final class ContractCheck {

    private static volatile ContractCheck instance;

    private final OpenApiInteractionValidator validator;
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    public ContractCheck(String openApi30) {
        // The parser finds its extensions with the context class loader; under @QuarkusTest this
        // class lives in Quarkus' loader, which must be the one searched (else "not a subtype").
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(ContractCheck.class.getClassLoader());
        try {
            this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(openApi30)
                    .withLevelResolver(LevelResolver.create()
                            // The authorizer's job, not the document check's (see above).
                            .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                            // A body on a GET means nothing in HTTP; the functions ignore it, as may any server.
                            .withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** The check of this repository's docs/openapi.yaml, built once per class loader. */
    public static ContractCheck ofRepository() {
        ContractCheck c = instance;
        if (c == null) {
            synchronized (ContractCheck.class) {
                c = instance;
                if (c == null) {
                    c = new ContractCheck(OpenApi30View.of(OpenApi30View.document()));
                    instance = c;
                }
            }
        }
        return c;
    }

    /** What is wrong with the exchange against the document (empty: it matches, or the route is not documented). */
    public List<String> problems(Request request, Response response) {
        long t0 = System.nanoTime();
        try {
            return check(request, response);
        } finally {
            nanos.addAndGet(System.nanoTime() - t0);
        }
    }

    private List<String> check(Request request, Response response) {
        ValidationReport req;
        try {
            req = validator.validateRequest(request);
        } catch (IllegalArgumentException e) {
            // A path the validator cannot even decode (a hostile test's "/v1/reports/%zz"): no operation to check.
            skipped.incrementAndGet();
            return List.of();
        }
        if (req.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"))) {
            skipped.incrementAndGet();
            return List.of();
        }
        if (response.getStatus() == 405) {
            // The function has no such method on the path: API Gateway never routes that request to it
            // (infra/template.yaml; the route-set tests hold the template to the document).
            skipped.incrementAndGet();
            return List.of();
        }
        checked.incrementAndGet();
        ValidationReport res = validator.validateResponse(request.getPath(), request.getMethod(), response);
        List<String> out = new ArrayList<>(errors(res, "response"));
        List<String> requestErrors = errors(req, "request").stream().filter(e -> !emptyButPresent(e, request)).toList();
        if (!requestErrors.isEmpty() && response.getStatus() < 400 && !rejectedItemByItem(req, response)) {
            out.add("the document rejects this request but the function answered " + response.getStatus() + ": "
                    + String.join("; ", requestErrors));
        }
        return out;
    }

    private static final Pattern MISSING =
            Pattern.compile("validation\\.request\\.parameter\\.missing: Parameter '([^']+)'");

    /**
     * The validator calls an empty query value ({@code from=}) "missing" even where the document
     * allows it (allowEmptyValue): the function takes it as absent, as the document says.
     */
    private static boolean emptyButPresent(String error, Request request) {
        Matcher m = MISSING.matcher(error);
        if (!m.find()) {
            return false;
        }
        Collection<String> values = request.getQueryParameterValues(m.group(1));
        return !values.isEmpty() && values.stream().allMatch(String::isEmpty);
    }

    private static final Pattern ITEM = Pattern.compile("^\\[Path '/reports/(\\d+)(/[^']*)?'\\]");

    /**
     * The batch route answers 200 with a result per report (docs/api.md, "Writes"): a request whose
     * only faults are inside {@code reports[i]} is what the document accepts when every such item's
     * result is a 4xx (not stored). A fault the validator cannot place (its own "unknownError",
     * e.g. on a number beyond double's range) requires every result to be a 4xx.
     */
    private static boolean rejectedItemByItem(ValidationReport request, Response response) {
        Set<Integer> items = new TreeSet<>();
        boolean unplaced = false;
        for (ValidationReport.Message m : request.getMessages()) {
            if (m.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            Matcher x = ITEM.matcher(m.getMessage());
            if (x.find()) {
                items.add(Integer.parseInt(x.group(1)));
            } else if (m.getKey().equals("validation.request.body.schema.unknownError")) {
                unplaced = true;
            } else {
                return false;
            }
        }
        try {
            JsonNode results = new ObjectMapper()
                    .readTree(response.getResponseBody().orElseThrow().toString(StandardCharsets.UTF_8))
                    .path("results");
            if (unplaced) {
                for (JsonNode each : results) {
                    items.add(each.path("index").asInt(-1));
                }
            }
            for (int i : items) {
                JsonNode r = null;
                for (JsonNode each : results) {
                    if (each.path("index").asInt(-1) == i) {
                        r = each;
                    }
                }
                if (r == null || r.path("status").asInt() < 400 || r.path("status").asInt() > 499) {
                    return false;
                }
            }
            return !items.isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** Fails (an AssertionError) when the exchange does not match the document. */
    public void verify(Request request, Response response) {
        List<String> problems = problems(request, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("docs/openapi.yaml does not match " + request.getMethod() + " " + request.getPath()
                    + " -> " + response.getStatus() + ":\n  " + String.join("\n  ", problems)
                    + "\n  response body: " + abbreviate(response.getResponseBody().map(b -> {
                        try {
                            return b.toString(StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            return "?";
                        }
                    }).orElse("")));
        }
    }

    private static List<String> errors(ValidationReport report, String side) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> side + " " + m.getKey() + ": " + m.getMessage()
                        + m.getNestedMessages().stream().map(n -> " / " + n.getMessage()).collect(Collectors.joining()))
                .toList();
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "...";
    }

    /** Prints the counts of the check built in this class loader, if any exchange built it. */
    static void printCounts() {
        ContractCheck c = instance;
        if (c != null) {
            System.out.println("docs/openapi.yaml check: " + c.checked() + " exchanges checked, " + c.skipped()
                    + " not (routes it does not have, 405s), " + c.nanos.get() / 1_000_000 + " ms spent checking");
        }
    }

    /** Exchanges checked against a documented operation. */
    public long checked() {
        return checked.get();
    }

    /** Exchanges on routes the document does not have. */
    public long skipped() {
        return skipped.get();
    }
}
