package org.conflictledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Read-only view of {@code infra/template.yaml} for consistency tests (shipped in core's test-jar
 * so that function modules can check their JAX-RS resources against {@link #routes(String)}).
 *
 * <p>The template uses long-form intrinsics only, so a plain YAML parser reads it. Intrinsics are
 * rendered as strings by {@link #render(JsonNode)}: {@code Ref: X} is {@code ${X}},
 * {@code Fn::GetAtt: [X, Arn]} is {@code ${X.Arn}}, {@code Fn::Sub: s} is {@code s}.
 */
public final class SamTemplate {

    public static final String RELATIVE_PATH = "infra/template.yaml";

    private static volatile SamTemplate cached;

    private final Path file;
    private final String text;
    private final JsonNode root;

    private SamTemplate(Path file) {
        this.file = file;
        try {
            this.text = Files.readString(file);
            this.root = new YAMLMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The template of the repository this code runs in (found by walking up from user.dir). */
    public static SamTemplate load() {
        SamTemplate t = cached;
        if (t == null) {
            t = new SamTemplate(repoRoot().resolve(RELATIVE_PATH));
            cached = t;
        }
        return t;
    }

    public static SamTemplate load(Path templateFile) {
        return new SamTemplate(templateFile);
    }

    /** The nearest directory at or above the working directory that holds infra/template.yaml. */
    public static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(RELATIVE_PATH))) {
                return d;
            }
        }
        throw new IllegalStateException("no " + RELATIVE_PATH + " at or above " + dir);
    }

    public Path file() {
        return file;
    }

    public String text() {
        return text;
    }

    public JsonNode root() {
        return root;
    }

    // ----------------------------------------------------------------------------- resources

    public JsonNode resource(String logicalId) {
        JsonNode r = root.path("Resources").path(logicalId);
        if (r.isMissingNode()) {
            throw new IllegalArgumentException("no resource " + logicalId + " in " + RELATIVE_PATH);
        }
        return r;
    }

    public JsonNode properties(String logicalId) {
        return resource(logicalId).path("Properties");
    }

    /** Logical ids of every resource of this type, in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> out = new ArrayList<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                out.add(e.getKey());
            }
        });
        return out;
    }

    /** The single resource of this type. */
    public String onlyResourceOfType(String type) {
        List<String> ids = resourcesOfType(type);
        if (ids.size() != 1) {
            throw new IllegalStateException("expected one " + type + ", found " + ids);
        }
        return ids.get(0);
    }

    // ----------------------------------------------------------------------------- functions

    /** "submit" to "SubmitFunction": the naming convention of the template. */
    public static String functionLogicalId(String functionName) {
        return functionName.substring(0, 1).toUpperCase(Locale.ROOT) + functionName.substring(1) + "Function";
    }

    /** Logical ids of the AWS::Serverless::Function resources. */
    public List<String> functions() {
        return resourcesOfType("AWS::Serverless::Function");
    }

    /** A function's properties with Globals.Function merged in (the function's own values win). */
    public JsonNode functionProperties(String functionLogicalId) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        JsonNode globals = root.path("Globals").path("Function");
        if (globals.isObject()) {
            merged.setAll((ObjectNode) globals.deepCopy());
        }
        JsonNode own = properties(functionLogicalId);
        if (own.isObject()) {
            merge(merged, (ObjectNode) own);
        }
        return merged;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode fo) {
                ObjectNode copy = eo.deepCopy();
                merge(copy, fo);
                into.set(e.getKey(), copy);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    /** The HttpApi events of a function. */
    public Map<String, JsonNode> httpApiEvents(String functionLogicalId) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        properties(functionLogicalId).path("Events").fields().forEachRemaining(e -> {
            if ("HttpApi".equals(e.getValue().path("Type").asText())) {
                out.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return out;
    }

    /** The function's routes as "METHOD /path" (method upper case), sorted. */
    public Set<String> routes(String functionLogicalId) {
        Set<String> out = new TreeSet<>();
        for (JsonNode p : httpApiEvents(functionLogicalId).values()) {
            out.add(routeKey(p));
        }
        return out;
    }

    /** Every route of every function, "METHOD /path" to the function's logical id. */
    public Map<String, String> allRoutes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String fn : functions()) {
            for (JsonNode p : httpApiEvents(fn).values()) {
                String key = routeKey(p);
                String previous = out.put(key, fn);
                if (previous != null) {
                    throw new IllegalStateException("route " + key + " is mapped twice: " + previous + ", " + fn);
                }
            }
        }
        return out;
    }

    /**
     * The authorizer that protects each of the function's routes: the event's Auth.Authorizer, or
     * the API's DefaultAuthorizer when the event names none; "NONE" means public.
     */
    public Map<String, String> routeAuthorizers(String functionLogicalId) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : httpApiEvents(functionLogicalId).values()) {
            String auth = p.path("Auth").path("Authorizer").asText("");
            if (auth.isEmpty()) {
                String api = refTarget(p.path("ApiId"));
                auth = properties(api).path("Auth").path("DefaultAuthorizer").asText("NONE");
            }
            out.put(routeKey(p), auth);
        }
        return out;
    }

    private static String routeKey(JsonNode eventProperties) {
        return eventProperties.path("Method").asText().toUpperCase(Locale.ROOT) + " "
                + eventProperties.path("Path").asText();
    }

    // ----------------------------------------------------------------------------- policies

    /** Every statement of the function's inline policy documents. */
    public List<JsonNode> policyStatements(String functionLogicalId) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode policies = functionProperties(functionLogicalId).path("Policies");
        Iterable<JsonNode> items = policies.isArray() ? policies : List.of(policies);
        for (JsonNode policy : items) {
            for (JsonNode s : asList(policy.path("Statement"))) {
                out.add(s);
            }
        }
        return out;
    }

    /** Actions allowed by the function's policies that start with the prefix (e.g. "dynamodb:"). */
    public Set<String> allowedActions(String functionLogicalId, String prefix) {
        Set<String> out = new TreeSet<>();
        for (JsonNode s : policyStatements(functionLogicalId)) {
            if ("Allow".equals(s.path("Effect").asText())) {
                for (JsonNode a : asList(s.path("Action"))) {
                    if (a.asText().startsWith(prefix)) {
                        out.add(a.asText());
                    }
                }
            }
        }
        return out;
    }

    /** Rendered resources of the Allow statements that grant any action with the prefix. */
    public Set<String> allowedResources(String functionLogicalId, String actionPrefix) {
        Set<String> out = new TreeSet<>();
        for (JsonNode s : policyStatements(functionLogicalId)) {
            boolean matches = false;
            for (JsonNode a : asList(s.path("Action"))) {
                matches |= a.asText().startsWith(actionPrefix);
            }
            if (matches && "Allow".equals(s.path("Effect").asText())) {
                for (JsonNode r : asList(s.path("Resource"))) {
                    out.add(render(r));
                }
            }
        }
        return out;
    }

    // ----------------------------------------------------------------------------- helpers

    /** The logical id a {@code Ref} points at. */
    public static String refTarget(JsonNode node) {
        JsonNode ref = node.path("Ref");
        if (!ref.isTextual()) {
            throw new IllegalArgumentException("not a Ref: " + node);
        }
        return ref.asText();
    }

    /** A scalar or intrinsic rendered as a string: ${X} for Ref, ${X.Attr} for GetAtt, Sub as is. */
    public static String render(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.has("Ref")) {
            return "${" + node.get("Ref").asText() + "}";
        }
        if (node.has("Fn::GetAtt")) {
            JsonNode g = node.get("Fn::GetAtt");
            return "${" + (g.isArray() ? g.get(0).asText() + "." + g.get(1).asText() : g.asText()) + "}";
        }
        if (node.has("Fn::Sub") && node.get("Fn::Sub").isTextual()) {
            return node.get("Fn::Sub").asText();
        }
        return node.toString();
    }

    public static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** Every string value anywhere in the node (keys excluded). */
    public static Set<String> strings(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collect(it.next(), out);
        }
    }
}
