package org.conflictledger.bench.floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The floor of GET /v1/reports/{id} on this stack: quarkus-amazon-lambda-http, RESTEasy Reactive and
 * the same SDK client, one consistent GetItem, the stored document returned as it is. No validation,
 * caller, redaction, access log or metrics: what is left is the framework's and the SDK's cost.
 */
@Path("/v1/floor/{id}")
public class FloorResource {

    private static final DynamoDbClient DB = DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get(@PathParam("id") String id) {
        GetItemResponse r = DB.getItem(b -> b.tableName(System.getenv("LEDGER_TABLE")).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("R#" + id), "sk", AttributeValue.fromS("HEAD"))));
        if (!r.hasItem() || r.item().isEmpty()) {
            throw new NotFoundException();
        }
        return r.item().get("doc").s();
    }
}
