package org.conflictledger.testing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * docs/openapi.yaml (OpenAPI 3.1, the source of truth) as the OpenAPI 3.0 document that
 * Atlassian's request validator 2.x understands, derived in memory. Only what the 3.1 document
 * uses is translated, each with its 3.0 equivalent:
 * <ul>
 * <li>{@code type: [T, "null"]} becomes {@code type: T, nullable: true};</li>
 * <li>{@code oneOf}/{@code anyOf} with a {@code {type: "null"}} branch becomes the other branch
 * (inlined), nullable;</li>
 * <li>{@code const: x} becomes {@code enum: [x]}; a schema's {@code examples: [..]} its first as
 * {@code example}; numeric {@code exclusiveMinimum}/{@code exclusiveMaximum} the 3.0 pair;</li>
 * <li>{@code allOf} with {@code unevaluatedProperties: false} (a closed composed object, which 3.0
 * cannot say) becomes one flattened object with {@code additionalProperties: false};</li>
 * <li>3.1-only document fields ({@code info.summary}, {@code license.identifier}) are dropped.</li>
 * </ul>
 * Anything else 3.1-only fails here loudly, so that the check never silently stops checking.
 */
public final class OpenApi30View {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNSUPPORTED = Set.of("prefixItems", "unevaluatedItems", "$defs",
            "dependentRequired", "dependentSchemas", "if", "then", "else", "contentMediaType", "contentEncoding");

    private final ObjectNode root;

    private OpenApi30View(ObjectNode document) {
        this.root = document;
    }

    /** docs/openapi.yaml of this repository (found from the working directory upwards). */
    public static Path document() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path doc = p.resolve("docs").resolve("openapi.yaml");
            if (Files.isRegularFile(doc) && Files.isDirectory(p.resolve("functions"))) {
                return doc;
            }
        }
        throw new IllegalStateException("docs/openapi.yaml not found above " + Path.of("").toAbsolutePath());
    }

    /** The 3.1 document as read, a tree (for route lists and the like). */
    public static ObjectNode read(Path document) {
        try {
            return (ObjectNode) YAML.readTree(document.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 3.0 view of a 3.1 document, as JSON text. */
    public static String of(ObjectNode document31) {
        ObjectNode copy = document31.deepCopy();
        OpenApi30View v = new OpenApi30View(copy);
        v.convert();
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String of(Path document) {
        return of(read(document));
    }

    private void convert() {
        if (!root.path("openapi").asText().startsWith("3.1")) {
            throw new IllegalStateException("not an OpenAPI 3.1 document: " + root.path("openapi"));
        }
        root.put("openapi", "3.0.3");
        if (root.get("info") instanceof ObjectNode info) {
            info.remove("summary");
            if (info.get("license") instanceof ObjectNode license) {
                license.remove("identifier");
            }
        }
        root.remove("webhooks");
        // Flatten closed compositions first (they read their members' 3.1 form), then the rest.
        walk(root, this::closeComposition);
        walk(root, this::schemaKeywords);
    }

    /**
     * Visits every object node of the tree, depth first (children after the node itself), except
     * example values: they are data, not schemas.
     */
    private static void walk(JsonNode node, Consumer<ObjectNode> visit) {
        if (node instanceof ObjectNode o) {
            visit.accept(o);
            List<JsonNode> children = new ArrayList<>();
            o.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("example") && !f.getKey().equals("examples")) {
                    children.add(f.getValue());
                }
            });
            children.forEach(c -> walk(c, visit));
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(c -> walk(c, visit));
        }
    }

    private void closeComposition(ObjectNode schema) {
        JsonNode unevaluated = schema.get("unevaluatedProperties");
        if (unevaluated == null) {
            return;
        }
        if (!unevaluated.isBoolean() || unevaluated.asBoolean()) {
            throw new IllegalStateException("unevaluatedProperties other than false: " + schema);
        }
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        Set<String> required = new LinkedHashSet<>();
        List<JsonNode> parts = new ArrayList<>();
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(parts::add);
        }
        parts.add(schema);
        for (JsonNode part : parts) {
            JsonNode p = resolve(part);
            if (p.has("oneOf") || p.has("anyOf") || (p.has("allOf") && p != schema)) {
                throw new IllegalStateException("a closed composition of compositions cannot be flattened: " + part);
            }
            if (p.has("properties")) {
                p.get("properties").fields().forEachRemaining(f -> properties.set(f.getKey(), f.getValue().deepCopy()));
            }
            if (p.has("required")) {
                p.get("required").forEach(r -> required.add(r.asText()));
            }
        }
        schema.remove("allOf");
        schema.remove("unevaluatedProperties");
        schema.put("type", "object");
        schema.set("properties", properties);
        if (!required.isEmpty()) {
            ArrayNode r = schema.putArray("required");
            required.forEach(r::add);
        }
        schema.put("additionalProperties", false);
    }

    /** A local $ref's target ("#/components/..."), or the node itself. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String r = ref.asText();
        if (!r.startsWith("#/")) {
            throw new IllegalStateException("only local references are supported: " + r);
        }
        JsonNode target = root.at(r.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("dangling reference " + r);
        }
        return resolve(target);
    }

    private void schemaKeywords(ObjectNode o) {
        for (String k : UNSUPPORTED) {
            if (o.has(k) && !o.get(k).isTextual()) {
                throw new IllegalStateException("3.1 keyword without a 3.0 translation here: " + k + " in " + o);
            }
        }
        JsonNode type = o.get("type");
        if (type instanceof ArrayNode types) {
            Set<String> rest = new LinkedHashSet<>();
            boolean nullable = false;
            for (JsonNode t : types) {
                if ("null".equals(t.asText())) {
                    nullable = true;
                } else {
                    rest.add(t.asText());
                }
            }
            if (rest.size() != 1) {
                throw new IllegalStateException("a type list other than [T, \"null\"]: " + o);
            }
            o.put("type", rest.iterator().next());
            if (nullable) {
                o.put("nullable", true);
            }
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (o.get(combinator) instanceof ArrayNode branches) {
                boolean nullable = false;
                for (Iterator<JsonNode> i = branches.elements(); i.hasNext();) {
                    JsonNode b = i.next();
                    if (b.size() == 1 && "null".equals(b.path("type").asText(null))) {
                        i.remove();
                        nullable = true;
                    }
                }
                if (nullable) {
                    o.remove(combinator);
                    if (branches.size() == 1) {
                        // 3.0 ignores siblings of $ref, and the validator does not carry nullable into
                        // an allOf: the branch's schema is inlined, then made nullable.
                        resolve(branches.get(0)).deepCopy().fields().forEachRemaining(f -> {
                            if (!o.has(f.getKey())) {
                                o.set(f.getKey(), f.getValue());
                            }
                        });
                    } else {
                        o.set(combinator, branches);
                    }
                    o.put("nullable", true);
                }
            }
        }
        if (o.has("const") && looksLikeSchema(o)) {
            JsonNode c = o.remove("const");
            o.putArray("enum").add(c);
        }
        if (o.get("examples") instanceof ArrayNode examples) {
            o.remove("examples");
            if (!examples.isEmpty()) {
                o.set("example", examples.get(0));
            }
        }
        for (Map.Entry<String, String> e : Map.of("exclusiveMinimum", "minimum", "exclusiveMaximum", "maximum").entrySet()) {
            JsonNode x = o.get(e.getKey());
            if (x != null && x.isNumber()) {
                o.set(e.getValue(), x);
                o.put(e.getKey(), true);
            }
        }
    }

    private static boolean looksLikeSchema(ObjectNode o) {
        return !o.has("in") && !o.has("content");
    }
}
