package org.conflictledger.store;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** What a cancelled TransactWriteItems says: which element's condition failed, and whether waiting helps. */
final class Cancellations {

    /** Cancellation reasons a retry cannot change (an item over 400 KB, an invalid value). */
    private static final Set<String> DETERMINISTIC_REASONS = Set.of("ValidationError", "ItemCollectionSizeLimitExceeded");

    private Cancellations() {
    }

    static boolean conditionFailed(List<CancellationReason> reasons, int index) {
        return index >= 0 && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    static boolean anyConditionFailed(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
    }

    static boolean conflict(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    /** A cancelled transaction as the service's failure: a 503 only when waiting can help. */
    static RuntimeException failure(String what, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (reasons.stream().anyMatch(r -> DETERMINISTIC_REASONS.contains(r.code()))) {
            return new StorageRejectedException(what + " refused: " + codes(reasons), e);
        }
        return new StorageUnavailableException(what + " cancelled: " + codes(reasons), e);
    }

    private static String codes(List<CancellationReason> reasons) {
        return reasons.stream().map(CancellationReason::code).toList().toString();
    }
}
