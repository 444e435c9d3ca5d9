package org.conflictledger.testing.contract;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A REST Assured filter that checks every exchange against docs/openapi.yaml
 * ({@link ContractCheck}). The function tests drive the handler the way Lambda does: they post
 * an API Gateway HTTP API event (payload 2.0) to the test harness's {@code /_lambda_} endpoint
 * and read the Lambda response. For those the filter checks the HTTP exchange inside: the
 * event's method, path, query, headers and body against the Lambda response's status, headers
 * and body. Posts of other events (the aggregate function's schedule) carry no HTTP exchange.
 * Other calls are checked as they are; Quarkus' own endpoints ({@code /q/...}) are not API routes.
 */
public final class ContractFilter implements Filter {

    static final String LAMBDA = "/_lambda_";
    /** Methods an OpenAPI document can name; another (a hostile test's FOO) has no operation to check. */
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "OPTIONS",
            "HEAD", "PATCH", "TRACE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<ContractCheck> check;

    public ContractFilter(ContractCheck check) {
        this.check = () -> check;
    }

    private ContractFilter(Supplier<ContractCheck> check) {
        this.check = check;
    }

    /** Adds the check of this repository's document to REST Assured's default filters, once. */
    public static synchronized void install() {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof ContractFilter)) {
            // The document is read on the first exchange: a module whose tests make none pays nothing.
            RestAssured.filters(new ContractFilter(ContractCheck::ofRepository));
            Runtime.getRuntime().addShutdownHook(new Thread(ContractCheck::printCounts));
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
        Response response = ctx.next(req, res);
        String path = req.getDerivedPath();
        if (LAMBDA.equals(path)) {
            JsonNode event = json(req.getBody() instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                    : String.valueOf((Object) req.getBody()));
            if (event != null && event.path("requestContext").has("http") && event.has("rawPath")
                    && METHODS.contains(event.path("requestContext").path("http").path("method").asText("GET").toUpperCase(Locale.ROOT))) {
                JsonNode reply = json(response.asString());
                if (reply == null || !reply.has("statusCode")) {
                    throw new AssertionError("not a Lambda HTTP response: " + response.asString());
                }
                check.get().verify(request(event), response(reply));
            }
        } else if (!path.startsWith("/q/")) {
            check.get().verify(RestAssuredRequest.of(req), RestAssuredResponse.of(response));
        }
        return response;
    }

    private static JsonNode json(String s) {
        try {
            JsonNode n = JSON.readTree(s);
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The HTTP request an API Gateway payload 2.0 event stands for. */
    static Request request(JsonNode event) {
        String method = event.path("requestContext").path("http").path("method").asText("GET");
        SimpleRequest.Builder b = new SimpleRequest.Builder(method.toUpperCase(Locale.ROOT), event.path("rawPath").asText());
        event.path("headers").fields().forEachRemaining(h -> b.withHeader(h.getKey(), h.getValue().asText()));
        String query = event.path("rawQueryString").asText("");
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                b.withQueryParam(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        if (event.hasNonNull("body")) {
            b.withBody(body(event));
        }
        return b.build();
    }

    /** The HTTP response a Lambda response for API Gateway stands for. */
    static com.atlassian.oai.validator.model.Response response(JsonNode reply) {
        SimpleResponse.Builder b = new SimpleResponse.Builder(reply.get("statusCode").asInt());
        Set<String> seen = new HashSet<>();
        reply.path("headers").fields().forEachRemaining(h -> {
            seen.add(h.getKey().toLowerCase(Locale.ROOT));
            b.withHeader(h.getKey(), h.getValue().asText());
        });
        reply.path("multiValueHeaders").fields().forEachRemaining(h -> {
            if (seen.add(h.getKey().toLowerCase(Locale.ROOT))) {
                List<String> values = new ArrayList<>();
                h.getValue().forEach(v -> values.add(v.asText()));
                b.withHeader(h.getKey(), values);
            }
        });
        if (reply.hasNonNull("body")) {
            b.withBody(body(reply));
        }
        return b.build();
    }

    /** The body of an API Gateway event or Lambda response, base64-decoded when it says so. */
    private static byte[] body(JsonNode message) {
        return message.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(message.get("body").asText())
                : message.get("body").asText().getBytes(StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape (a hostile test): the raw text, as the function sees it
        }
    }
}
