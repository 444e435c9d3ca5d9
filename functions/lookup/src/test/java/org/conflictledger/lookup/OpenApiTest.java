package org.conflictledger.lookup;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.conflictledger.testing.ApiContract;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi-lookup.yaml is the function's generated OpenAPI document, committed: a stale copy
 * fails here. Regenerate with {@code mvn test -Dtest=OpenApiTest -Dopenapi.write=true}.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class OpenApiTest {

    static Path committed() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.isDirectory(p.resolve("functions"))) {
                return p.resolve("docs").resolve("openapi-lookup.yaml");
            }
        }
        throw new AssertionError("docs/ not found");
    }

    static String served() {
        return given().accept("application/yaml").get("/q/openapi?format=yaml").then().statusCode(200)
                .extract().asString();
    }

    @Test
    void theCommittedDocumentIsCurrent() throws Exception {
        String now = served();
        Path file = committed();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(file, now, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), file + " is missing: run with -Dopenapi.write=true");
        assertEquals(now, Files.readString(file, StandardCharsets.UTF_8),
                "docs/openapi-lookup.yaml is stale: run mvn test -Dtest=OpenApiTest -Dopenapi.write=true");
    }

    @Test
    void everyApiRouteOfTheFunctionIsDocumented() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(served());
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        assertEquals(new TreeSet<>(ApiContract.routesOf("lookup")), documented);
    }
}
