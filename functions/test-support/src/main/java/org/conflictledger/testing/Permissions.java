package org.conflictledger.testing;

import java.util.Map;
import java.util.Set;

/**
 * The DynamoDB IAM actions each function needs, declared once on the code side; the policies in
 * infra/template.yaml must grant exactly these (a test in core checks it).
 *
 * <p>IAM has no {@code dynamodb:TransactWriteItems} action. Each element of a transaction is
 * authorised as its underlying operation: {@code Put} as {@code dynamodb:PutItem}, {@code Update}
 * as {@code dynamodb:UpdateItem}, {@code Delete} as {@code dynamodb:DeleteItem},
 * {@code ConditionCheck} as {@code dynamodb:ConditionCheckItem} (and {@code TransactGetItems}'
 * {@code Get} as {@code dynamodb:GetItem}). See "Using IAM with DynamoDB transactions" in the
 * DynamoDB developer guide. So when the storage adapter starts using a new kind of transaction
 * element (e.g. ConditionCheck), add its action here and to the template.
 *
 * <p>{@code dynamodb:Scan} is never granted: every read is a GetItem or a Query.
 *
 * <p>Each function's PermissionsMatchCodeTest holds its entry to the actions its code can reach
 * (found in the bytecode by test-support's DynamoCalls), so an entry can neither lack nor exceed them.
 */
public final class Permissions {

    public static final String GET_ITEM = "dynamodb:GetItem";
    public static final String BATCH_GET_ITEM = "dynamodb:BatchGetItem";
    public static final String QUERY = "dynamodb:Query";
    public static final String PUT_ITEM = "dynamodb:PutItem";
    public static final String UPDATE_ITEM = "dynamodb:UpdateItem";
    public static final String DELETE_ITEM = "dynamodb:DeleteItem";
    public static final String CONDITION_CHECK_ITEM = "dynamodb:ConditionCheckItem";

    /** Function name (submit, lookup, aggregate) to the DynamoDB actions its role allows. */
    public static final Map<String, Set<String>> BY_FUNCTION = Map.of(
            // GetItem (head, a revision, idempotency records); TransactWriteItems with Put, Update,
            // Delete elements. No Query: submit reads by key only (revision history is lookup's).
            "submit", Set.of(GET_ITEM, PUT_ITEM, UPDATE_ITEM, DELETE_ITEM),
            // GetItem, Query on the table and its three indexes.
            "lookup", Set.of(GET_ITEM, QUERY),
            // GetItem, Query; TransactWriteItems (Put, Update, Delete); conditional DeleteItem;
            // UpdateItem.
            "aggregate", Set.of(GET_ITEM, QUERY, PUT_ITEM, UPDATE_ITEM, DELETE_ITEM),
            // BatchGetItem (a chunk's reports by externalId), GetItem, Query (the gazetteer
            // partition); PutItem/UpdateItem (import and gazetteer items) and the report
            // transactions (Put, Update, Delete).
            "import", Set.of(BATCH_GET_ITEM, GET_ITEM, QUERY, PUT_ITEM, UPDATE_ITEM, DELETE_ITEM));

    /** Functions whose role may also Query the table's global secondary indexes. */
    public static final Set<String> QUERIES_INDEXES = Set.of("lookup");

    /**
     * The Secrets Manager actions each function's role allows, on its own secret only (lookup: the
     * cursor HMAC key, read at init by CursorKeys; docs/deploy.md). The same role may kms:Decrypt
     * with the stack's key through Secrets Manager only. Core's HygieneTest holds the template to it.
     */
    public static final Map<String, Set<String>> SECRETS_BY_FUNCTION = Map.of(
            "submit", Set.of(),
            "lookup", Set.of("secretsmanager:GetSecretValue"),
            "aggregate", Set.of(),
            "import", Set.of());

    /**
     * KMS actions a function may use through S3 only (kms:ViaService s3): import signs upload URLs
     * into, and reads from, the uploads bucket encrypted with the stack's key (docs/imports.md).
     */
    public static final Map<String, Set<String>> KMS_VIA_S3_BY_FUNCTION = Map.of(
            "import", Set.of("kms:Decrypt", "kms:GenerateDataKey"));

    private Permissions() {
    }
}
