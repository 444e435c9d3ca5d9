package org.conflictledger.testing;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The HTTP contract's routes (docs/api.md, "Routes (submit function)" and "Routes (lookup function)")
 * and the function that serves each. infra/template.yaml must map exactly these.
 */
public final class ApiContract {

    public record Route(String method, String path, String function) {

        /** "METHOD /path", the form {@link SamTemplate#routes(String)} returns. */
        public String key() {
            return method + " " + path;
        }

        /** Every GET but an import's (its creator, editors and analysts only: api.md). */
        public boolean isPublicRead() {
            return "GET".equals(method) && !path.startsWith("/v1/imports");
        }
    }

    public static final List<Route> ROUTES = List.of(
            new Route("POST", "/v1/reports", "submit"),
            new Route("POST", "/v1/reports/batch", "submit"),
            new Route("PUT", "/v1/reports/{id}", "submit"),
            new Route("DELETE", "/v1/reports/{id}", "submit"),
            new Route("POST", "/v1/reports/{id}/review", "submit"),
            new Route("GET", "/v1/reports/{id}", "lookup"),
            new Route("GET", "/v1/reports/{id}/revisions", "lookup"),
            new Route("GET", "/v1/reports", "lookup"),
            new Route("GET", "/v1/changes", "lookup"),
            new Route("GET", "/v1/figures", "lookup"),
            new Route("GET", "/v1/figures/daily", "lookup"),
            new Route("POST", "/v1/imports", "import"),
            new Route("GET", "/v1/imports/{id}", "import"),
            new Route("PUT", "/v1/places/{country}", "import"),
            new Route("GET", "/v1/places/{country}", "import"));

    /** Functions behind the HTTP API, and the scheduled one. */
    public static final List<String> HTTP_FUNCTIONS = List.of("submit", "lookup", "import");
    public static final List<String> FUNCTIONS = List.of("submit", "lookup", "aggregate", "import");

    private ApiContract() {
    }

    /** The route keys ("METHOD /path") served by one function, sorted. */
    public static Set<String> routesOf(String function) {
        Set<String> out = new TreeSet<>();
        ROUTES.stream().filter(r -> r.function().equals(function)).forEach(r -> out.add(r.key()));
        return out;
    }
}
