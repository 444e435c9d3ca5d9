package org.conflictledger.imports;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the import runs (docs/imports.md): the reserve kept at the end of an invocation, how often
 * unchanged chunks are recorded, and where the rest of an import goes when time runs short:
 * {@code lambda} (an asynchronous invoke of this function's alias) or the URL of a local mock
 * event server (make run). Mutable so that tests can shorten an invocation.
 */
@Singleton
public class ImportSettings {

    @ConfigProperty(name = "ledger.imports.reserve", defaultValue = "PT45S")
    volatile Duration reserve;

    @ConfigProperty(name = "ledger.imports.record-every", defaultValue = "PT2S")
    volatile Duration recordEvery;

    /** The longest one invocation works (on top of Lambda's own remaining time): tests shorten it. */
    @ConfigProperty(name = "ledger.imports.max-run", defaultValue = "PT15M")
    volatile Duration maxRun;

    /**
     * How long a claim or a recorded chunk holds an import: a crashed invocation's import is free
     * again before Lambda's first retry of the event (about a minute later).
     */
    @ConfigProperty(name = "ledger.imports.lease", defaultValue = "PT45S")
    volatile Duration lease;

    @ConfigProperty(name = "ledger.imports.handoff", defaultValue = "lambda")
    volatile String handoff;

    @ConfigProperty(name = "ledger.imports.upload-valid-for", defaultValue = "PT1H")
    volatile Duration uploadValidFor;

    @ConfigProperty(name = "ledger.imports.function")
    Optional<String> function;

    public Duration reserve() {
        return reserve;
    }

    public Duration recordEvery() {
        return recordEvery;
    }

    public Duration maxRun() {
        return maxRun;
    }

    public String handoff() {
        return handoff;
    }

    public Duration uploadValidFor() {
        return uploadValidFor;
    }

    public void maxRun(Duration d) {
        maxRun = d;
    }

    public Duration lease() {
        return lease;
    }

    public void lease(Duration d) {
        lease = d;
    }

    public void recordEvery(Duration d) {
        recordEvery = d;
    }

    public void uploadValidFor(Duration d) {
        uploadValidFor = d;
    }

    public void reserve(Duration d) {
        reserve = d;
    }

    public void handoff(String h) {
        handoff = h;
    }

    /** This function's alias, which the hand-over invokes: AWS_LAMBDA_FUNCTION_NAME plus ":live". */
    public String functionName() {
        return function.orElseGet(() -> System.getenv("AWS_LAMBDA_FUNCTION_NAME") + ":live");
    }
}
