package org.conflictledger.imports;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.conflictledger.domain.json.Json;
import org.conflictledger.store.ImportJob;
import org.conflictledger.store.ImportStore;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * make run only (the dev build profile; the deployed function.zip has no such bean): moto_server
 * does not notify Lambda of new objects, so this creates the uploads bucket and, every 2 seconds,
 * turns each new upload of an import still awaiting it into the S3 ObjectCreated event AWS would
 * deliver, handled by the same {@link ImportEvents} (docs/imports.md, "Local run").
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class LocalUploads {

    private static final Logger LOG = Logger.getLogger(LocalUploads.class);

    @Inject
    S3Client s3;

    @Inject
    Uploads uploads;

    @Inject
    ImportStore imports;

    @Inject
    ImportEvents events;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService poller;

    void start(@Observes StartupEvent ev) {
        try {
            s3.createBucket(b -> b.bucket(uploads.bucket()));
        } catch (BucketAlreadyOwnedByYouException e) {
            // made by an earlier run
        } catch (RuntimeException e) {
            LOG.warnf("uploads bucket %s: %s", uploads.bucket(), e.getMessage());
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-uploads");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 2, 2, TimeUnit.SECONDS);
        LOG.infof("local uploads poller on bucket %s (moto_server does not notify Lambda)", uploads.bucket());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void poll() {
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(uploads.bucket()).prefix(Uploads.PREFIX)).contents()) {
                String id = Uploads.importId(o.key());
                if (id == null || !seen.add(o.key())) {
                    continue;
                }
                if (imports.get(id).map(j -> ImportJob.AWAITING_UPLOAD.equals(j.status())).orElse(false)) {
                    var event = Json.mapper().readTree("""
                        {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
                          "s3": {"bucket": {"name": "%s"}, "object": {"key": "%s", "size": %d}}}]}
                        """.formatted(uploads.bucket(), o.key(), o.size()));
                    LOG.infof("upload %s arrived: starting import %s", o.key(), id);
                    events.handle(event, null);
                }
            }
        } catch (Exception e) {
            LOG.warnf("local uploads poll failed: %s", e.getMessage());
        }
    }
}
