package org.conflictledger.deployed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One packaged function run the way Lambda runs it: function.zip unzipped as the runtime lays out
 * /var/task, a fresh JVM whose only classpath is the runtime interface client (the runtime's
 * /var/runtime/lib), started in the task directory with the template's handler, the template's
 * environment and the variables Lambda sets, polling a {@link RuntimeApi} served by the test.
 */
final class DeployedFunction implements AutoCloseable {

    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    final String name;
    final TemplateFunction template;
    final RuntimeApi api;
    final Path taskRoot;
    final Path log;
    final Map<String, String> environment;
    private final Process process;
    private final long startedAt = System.nanoTime();

    /**
     * @param extraEnvironment what the test adds to Lambda's environment (the DynamoDB endpoint of
     *                         moto; entries with a null value remove a variable, to break it)
     */
    DeployedFunction(String name, Path zip, Path workDir, TemplateFunction template, String ricClasspath,
                     CredentialsEndpoint credentials, Map<String, String> extraEnvironment) throws IOException {
        this.name = name;
        this.template = template;
        this.taskRoot = workDir.resolve("task");
        this.log = workDir.resolve("function.log");
        unzip(zip, taskRoot);
        this.api = new RuntimeApi("arn:aws:lambda:us-east-1:123456789012:function:" + template.functionName(),
                template.timeoutSeconds);

        Map<String, String> env = new LinkedHashMap<>();
        // The variables the Lambda execution environment sets (docs: "Defined runtime environment variables").
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + template.runtime);
        env.put("AWS_LAMBDA_FUNCTION_NAME", template.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(template.memoryMb));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", template.logGroup);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/01/[1]deployedshapetest");
        env.put("AWS_LAMBDA_LOG_FORMAT", template.logFormat.toUpperCase(Locale.ROOT));
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", template.snapStart ? "snap-start" : "on-demand");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.put("_HANDLER", template.handler);
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
        // SnapStart: no AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, only these two.
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.uri());
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", credentials.token);
        env.putAll(template.environment);
        extraEnvironment.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        this.environment = Map.copyOf(env);

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions(template.memoryMb, template.snapStart));
        cmd.add("-cp");
        cmd.add(ricClasspath);
        cmd.add(RIC_MAIN);
        cmd.add(template.handler);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(taskRoot.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        this.process = pb.start();
        // A JVM whose runtime loop died keeps running on Quarkus's threads: never leave one behind.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    /**
     * The JVM options of Lambda's managed Java runtime for this memory size: heap, metaspace and
     * code cache as fractions of MemorySize (85 / 10 / 5 %), the serial collector, C1 only (the
     * Java 17+ runtimes' default), and, under SnapStart, org.crac routed to the runtime's own CRaC
     * implementation so that the function's org.crac Resources see the runtime's hooks.
     */
    static List<String> jvmOptions(int memoryMb, boolean snapStart) {
        long kb = memoryMb * 1024L;
        List<String> o = new ArrayList<>(List.of(
                "-XX:MaxHeapSize=" + kb * 85 / 100 + "k",
                "-XX:MaxMetaspaceSize=" + kb * 10 / 100 + "k",
                "-XX:ReservedCodeCacheSize=" + kb * 5 / 100 + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true"));
        if (snapStart) {
            o.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        }
        return o;
    }

    /** Waits until the runtime polls for its first invocation (init, and the SnapStart hooks, done). */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (api.firstNextAt.isDone()) {
                return Duration.ofNanos(api.firstNextAt.getNow(0L) - startedAt);
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " during init; runtime calls "
                        + api.calls + ", init error " + api.initError.getNow(null) + "\n" + logText());
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " did not finish init within " + timeout + "; calls " + api.calls + "\n" + logText());
    }

    /** Init until the snapshot (restore/next), or null when the runtime never asked for one. */
    Duration initUntilSnapshot() {
        Long at = api.restoreNextAt.getNow(null);
        return at == null ? null : Duration.ofNanos(at - startedAt);
    }

    /** Invokes the function with a raw event and waits for its outcome. */
    RuntimeApi.Outcome invoke(String event) {
        return invoke(event, Duration.ofSeconds(template.timeoutSeconds));
    }

    /** As {@link #invoke(String)}, for an invocation that has only {@code remaining} of its time left. */
    RuntimeApi.Outcome invoke(String event, Duration remaining) {
        var f = api.invoke(event, remaining);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(template.timeoutSeconds + 30L);
        while (true) {
            try {
                return f.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " died (exit " + process.exitValue() + ")\n" + logText());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + " did not answer within its timeout\n" + logText());
                }
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void unzip(Path zip, Path into) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: package the functions first (mvn install from the root)");
        }
        if (Files.exists(into)) {
            try (var walk = Files.walk(into)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the task root: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                }
            }
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
    }
}
