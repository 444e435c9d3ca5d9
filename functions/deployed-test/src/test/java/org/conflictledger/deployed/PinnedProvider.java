package org.conflictledger.deployed;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.conflictledger.testing.EventFiles;

/**
 * A copy of a function.zip whose Dynamo client pins EnvironmentVariableCredentialsProvider again:
 * the shipped source of Dynamo.java with that one builder call added, compiled against the zip's
 * own libraries and put at the zip's root, which the Lambda runtime's class loader searches before
 * lib/*.jar. Nothing in production code knows about it. Running this copy in the deployed shape
 * shows what the layer is for: the same function, the same environment, only the pinned provider,
 * and every DynamoDB call fails.
 */
final class PinnedProvider {

    static final String DYNAMO = "functions/store-dynamodb/src/main/java/org/conflictledger/store/Dynamo.java";
    /** The end of Dynamo.client's builder chain. */
    static final String BUILD = ".build();\n    }";

    private PinnedProvider() {
    }

    static Path patchedZip(Path zip, Path dir) throws IOException {
        Path lib = dir.resolve("original");
        DeployedFunction.unzip(zip, lib);
        String source = Files.readString(EventFiles.repoRoot().resolve(DYNAMO));
        int client = source.indexOf("public static DynamoDbClient client(");
        int end = source.indexOf(BUILD, client);
        if (client < 0 || end < 0) {
            throw new AssertionError("Dynamo.client changed shape; update " + PinnedProvider.class.getSimpleName());
        }
        String pinned = source.substring(0, end)
                + ".credentialsProvider(software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider.create())\n"
                + "                " + source.substring(end);
        Path src = dir.resolve("src/org/conflictledger/store/Dynamo.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, pinned);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> cp = new ArrayList<>();
        try (Stream<Path> jars = Files.list(lib.resolve("lib"))) {
            jars.filter(p -> p.toString().endsWith(".jar")).forEach(p -> cp.add(p.toString()));
        }
        StringWriter errors = new StringWriter();
        boolean ok = ToolProvider.getSystemJavaCompiler().getTask(errors, null, null,
                List.of("--release", "17", "-cp", String.join(File.pathSeparator, cp), "-d", classes.toString()),
                null, ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null)
                        .getJavaFileObjects(src.toFile())).call();
        if (!ok) {
            throw new AssertionError("the pinned variant does not compile:\n" + errors);
        }
        Path out = dir.resolve("function-pinned.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out));
             ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                z.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(z);
                z.closeEntry();
            }
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    z.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, z);
                    z.closeEntry();
                }
            }
        }
        return out;
    }
}
