package org.conflictledger.testing.contract;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;

/**
 * Route sets as "METHOD /path" keys, for the tests that compare the code, infra/template.yaml and
 * docs/openapi.yaml (issue 14: a route in one and not in the others fails).
 */
public final class RouteSets {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private RouteSets() {
    }

    /** Every operation of docs/openapi.yaml. */
    public static Set<String> document() {
        JsonNode paths = OpenApi30View.read(OpenApi30View.document()).path("paths");
        Set<String> out = new TreeSet<>();
        paths.fields().forEachRemaining(p -> METHODS.forEach(m -> {
            if (p.getValue().has(m)) {
                out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        return out;
    }

    /**
     * The JAX-RS routes of the resource classes compiled into this module's own classes directory
     * under {@code packageName} (not those of its dependencies): class and method {@code @Path}
     * joined, any HTTP method annotation ({@code @GET}, ...), path parameter regexes dropped
     * ({@code {id: [0-9]+}} is {@code {id}}, as the document writes it).
     */
    public static Set<String> jaxRs(String packageName) {
        Set<String> out = new TreeSet<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            for (URL url : Collections.list(loader.getResources(packageName.replace('.', '/')))) {
                if (!"file".equals(url.getProtocol())) {
                    continue;
                }
                java.nio.file.Path dir = java.nio.file.Path.of(url.toURI());
                if (dir.toString().contains("test-classes")) {
                    continue;
                }
                try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
                    for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String name = packageName + "." + dir.relativize(f).toString()
                                .replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                        routes(Class.forName(name, false, loader), out);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * Fails unless the JAX-RS routes under {@code packageName} equal {@code routedHere} (the
     * template's routes of that function) and the document's operations among them.
     */
    public static void assertCodeTemplateAndDocumentAgree(String packageName, Set<String> routedHere) {
        Set<String> code = jaxRs(packageName);
        Assertions.assertEquals(new TreeSet<>(routedHere), code,
                "JAX-RS routes of " + packageName + " vs the template's routes of the function");
        Set<String> documented = new TreeSet<>(document());
        documented.retainAll(routedHere);
        Assertions.assertEquals(code, documented, "JAX-RS routes vs docs/openapi.yaml");
    }

    static void routes(Class<?> type, Set<String> out) {
        Path base = type.getAnnotation(Path.class);
        if (base == null) {
            return;
        }
        for (Method m : type.getDeclaredMethods()) {
            for (Annotation a : m.getAnnotations()) {
                HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                if (http != null) {
                    Path sub = m.getAnnotation(Path.class);
                    out.add(http.value() + " " + join(base.value(), sub == null ? "" : sub.value()));
                }
            }
        }
    }

    static String join(String base, String sub) {
        String p = ("/" + base + "/" + sub).replaceAll("/+", "/");
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
    }
}
