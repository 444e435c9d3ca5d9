package org.conflictledger.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The DynamoDB IAM actions that code can reach, found from its bytecode, so that a test can hold a
 * function's policy ({@code Permissions.BY_FUNCTION}) to what its code really calls.
 *
 * <p>It disassembles classes with the JDK's {@code javap} and walks a METHOD-level call graph over
 * {@code org.conflictledger.*}, starting from every method of the given root classes (a function's
 * own classes: the framework may call any of them). Method level, not class level: a function that
 * reads reports through {@code ReportStore.get} must not be granted the writes of
 * {@code ReportStore.create}. Edges: every invoke instruction, lambda bodies and method references
 * (the method handles of an {@code invokedynamic}'s bootstrap arguments), overrides of a called
 * method in subclasses and implementations, and, for an instantiated class with a supertype outside
 * our code (a JDK or SDK callback interface, an exception), all its instance methods, because code
 * we cannot see may call them.
 *
 * <p>What counts: calls to {@code DynamoDbClient} (an API method's IAM action is its name,
 * capitalised: {@code getItem} is {@code dynamodb:GetItem}), and for {@code transactWriteItems},
 * which IAM does not know, the kinds of transaction element the reachable code builds.
 */
public final class DynamoCalls {

    private static final String SCOPE = "org/conflictledger/";
    private static final String CLIENT = "software/amazon/awssdk/services/dynamodb/DynamoDbClient";
    private static final String TX_WRITE_ITEM = "software/amazon/awssdk/services/dynamodb/model/TransactWriteItem$Builder";

    /**
     * Not followed. TableSetup creates the table (DescribeTable, CreateTable, UpdateTimeToLive) only
     * when ledger.create-table is set, which only the %dev profile does for local runs against
     * moto_server; on AWS, SAM creates the table and no role may create or alter it.
     */
    private static final Set<String> EXCLUDED = Set.of("org/conflictledger/store/TableSetup");

    /** DynamoDbClient methods that make no request. */
    private static final Set<String> NO_REQUEST = Set.of(
            "builder", "create", "close", "serviceName", "serviceClientConfiguration");

    /** Calls whose IAM action is not their capitalised name. */
    private static final Map<String, String> RENAMED = Map.of(
            "transactGetItems", "dynamodb:GetItem", // each Get element is authorised as GetItem
            "waiter", "dynamodb:DescribeTable");    // waiters poll DescribeTable

    /** Each TransactWriteItems element is authorised as its underlying single-item action. */
    private static final Map<String, String> TX_WRITE_ELEMENTS = Map.of(
            "put", "dynamodb:PutItem",
            "update", "dynamodb:UpdateItem",
            "delete", "dynamodb:DeleteItem",
            "conditionCheck", "dynamodb:ConditionCheckItem");

    private static final Set<String> PLAIN_SUPERTYPES = Set.of("java/lang/Object", "java/lang/Record", "java/lang/Enum");

    /** Dotted binary names of every class under {@code classesDir} in {@code pkg} or below it. */
    public static List<String> classesIn(Path classesDir, String pkg) {
        Path dir = classesDir.resolve(pkg.replace('.', '/'));
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(f -> classesDir.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".class") && !f.endsWith("module-info.class")
                            && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no classes in " + dir + " (compile the module first)", e);
        }
    }

    /** The DynamoDB IAM actions reachable from any method of the given classes (dotted binary names). */
    public static Set<String> reachableFrom(Collection<String> rootClasses) {
        var walk = new DynamoCalls(DynamoCalls.class.getClassLoader());
        for (String root : rootClasses) {
            String name = root.replace('.', '/');
            ClassInfo c = walk.info(name);
            if (c == null) {
                throw new IllegalArgumentException("class not on the classpath: " + root);
            }
            c.methods.keySet().forEach(m -> walk.enqueue(new Ref(name, m)));
        }
        return walk.run();
    }

    // ------------------------------------------------------------------------------------------

    /** A method: owner in internal form (a/b/C), name + descriptor (overloads are distinct). */
    private record Ref(String owner, String method) {
        String name() {
            return method.substring(0, method.indexOf('('));
        }
    }

    private static final class ClassInfo {
        final List<String> supertypes = new ArrayList<>();
        /** Method (name + descriptor) to what it calls. */
        final Map<String, List<Ref>> methods = new LinkedHashMap<>();
        final Set<String> staticMethods = new HashSet<>();
    }

    private final ClassLoader loader;
    private final ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    private final Map<String, Optional<ClassInfo>> classes = new HashMap<>();
    private final Set<Ref> called = new HashSet<>();      // call targets as written at call sites
    private final Set<Ref> reached = new HashSet<>();     // method bodies walked or queued
    private final Deque<Ref> work = new ArrayDeque<>();
    private final Set<String> actions = new TreeSet<>();
    private final Set<String> txElements = new TreeSet<>();
    private boolean transactWrites;

    private DynamoCalls(ClassLoader loader) {
        this.loader = loader;
    }

    private Set<String> run() {
        while (!work.isEmpty()) {
            Ref m = work.pop();
            info(m.owner()).methods.get(m.method()).forEach(this::call);
        }
        // Elements count only if a transaction is sent: a built but unsent element is not a request.
        if (transactWrites) {
            actions.addAll(txElements);
        }
        return actions;
    }

    private void enqueue(Ref m) {
        ClassInfo c = info(m.owner());
        if (c != null && c.methods.containsKey(m.method()) && reached.add(m)) {
            work.push(m);
        }
    }

    private void call(Ref target) {
        if (target.owner().equals(CLIENT)) {
            clientCall(target.name());
            return;
        }
        if (target.owner().equals(TX_WRITE_ITEM) && TX_WRITE_ELEMENTS.containsKey(target.name())) {
            txElements.add(TX_WRITE_ELEMENTS.get(target.name()));
            return;
        }
        ClassInfo c = info(target.owner());
        if (c == null || !called.add(target)) {
            return;
        }
        enqueue(declaration(target));
        // Virtual dispatch: overrides in the classes seen so far (info() checks the ones seen later).
        for (String type : List.copyOf(classes.keySet())) { // a copy: enqueue may load classes
            if (isSubtype(type, target.owner())) {
                enqueue(new Ref(type, target.method()));
            }
        }
        if (target.name().equals("<init>")) {
            enqueue(new Ref(target.owner(), "<clinit>()V"));
            if (hasForeignSupertype(target.owner())) {
                c.methods.keySet().stream()
                        .filter(m -> !m.startsWith("<") && !c.staticMethods.contains(m))
                        .forEach(m -> enqueue(new Ref(target.owner(), m)));
            }
        } else if (c.staticMethods.contains(target.method())) {
            enqueue(new Ref(target.owner(), "<clinit>()V"));
        }
    }

    private void clientCall(String name) {
        if (NO_REQUEST.contains(name)) {
            return;
        }
        if (name.equals("transactWriteItems")) {
            transactWrites = true;
        } else if (RENAMED.containsKey(name)) {
            actions.add(RENAMED.get(name));
        } else {
            String op = name.endsWith("Paginator") ? name.substring(0, name.length() - "Paginator".length()) : name;
            actions.add("dynamodb:" + Character.toUpperCase(op.charAt(0)) + op.substring(1));
        }
    }

    /** The method a call binds to: declared by the owner or inherited from one of our supertypes. */
    private Ref declaration(Ref target) {
        Deque<String> types = new ArrayDeque<>(List.of(target.owner()));
        while (!types.isEmpty()) {
            String type = types.pop();
            ClassInfo c = info(type);
            if (c != null && c.methods.containsKey(target.method())) {
                return new Ref(type, target.method());
            }
            if (c != null) {
                types.addAll(c.supertypes);
            }
        }
        return target; // declared outside our code (e.g. Object.toString): nothing to walk
    }

    private boolean isSubtype(String type, String of) {
        if (type.equals(of)) {
            return false; // proper subtypes only; the owner itself is handled as the declaration
        }
        ClassInfo c = info(type);
        return c != null && c.supertypes.stream().anyMatch(s -> s.equals(of) || isSubtype(s, of));
    }

    private boolean hasForeignSupertype(String type) {
        ClassInfo c = info(type);
        return c != null && c.supertypes.stream().anyMatch(s ->
                !s.startsWith(SCOPE) ? !PLAIN_SUPERTYPES.contains(s) : hasForeignSupertype(s));
    }

    /** Our class, disassembled; null for classes outside our code, excluded ones or missing ones. */
    private ClassInfo info(String name) {
        if (!name.startsWith(SCOPE) || EXCLUDED.contains(name)) {
            return null;
        }
        Optional<ClassInfo> known = classes.get(name);
        if (known != null) {
            return known.orElse(null);
        }
        URL file = loader.getResource(name + ".class");
        ClassInfo c = file == null ? null : parse(name, disassemble(file));
        classes.put(name, Optional.ofNullable(c));
        if (c != null) {
            c.supertypes.forEach(this::info);
            // A call seen before this class was loaded may dispatch to its overrides.
            for (Ref t : List.copyOf(called)) {
                if (isSubtype(name, t.owner())) {
                    enqueue(new Ref(name, t.method()));
                }
            }
        }
        return c;
    }

    private String disassemble(URL classFile) {
        var out = new StringWriter();
        var err = new StringWriter();
        int rc = javap.run(new PrintWriter(out), new PrintWriter(err), "-v", "-p", classFile.toString());
        if (rc != 0) {
            throw new IllegalStateException("javap failed on " + classFile + ": " + err);
        }
        return out.toString();
    }

    // javap -v -p output, the parts we read:
    //   public final class a.b.C extends a.b.D implements a.b.E<x.Y>     (header)
    //   public java.util.Optional<a.b.R> get(java.lang.String);          (method header, 2 spaces)
    //     descriptor: (Ljava/lang/String;)Ljava/util/Optional;
    //     flags: (0x0001) ACC_PUBLIC
    //        12: invokevirtual #13   // Method a/b/D.put:(I)V           (owner omitted if this class)
    //        10: invokedynamic #45,  0   // InvokeDynamic #0:apply:()Ljava/util/function/Function;
    //   BootstrapMethods:
    //     0: #948 REF_invokeStatic java/lang/invoke/LambdaMetafactory.metafactory:(...)...
    //         #956 REF_invokeStatic a/b/C.lambda$get$0:(Ljava/util/Map;)La/b/R;
    private static final Pattern INVOKE = Pattern.compile(
            "^\\s+\\d+: invoke\\w+\\s.*// (?:Method|InterfaceMethod) (.+)$");
    private static final Pattern INDY = Pattern.compile("^\\s+\\d+: invokedynamic\\s.*// InvokeDynamic #(\\d+):");
    private static final Pattern BOOTSTRAP = Pattern.compile("^  (\\d+): #\\d+ REF_");
    private static final Pattern HANDLE = Pattern.compile(
            "^\\s+#\\d+ REF_(?:invoke\\w+|newInvokeSpecial) (.+)$");

    private static ClassInfo parse(String name, String javap) {
        var c = new ClassInfo();
        String dotted = name.replace('/', '.');
        Map<String, List<Integer>> indys = new HashMap<>(); // method to the bootstrap indexes it uses
        Map<Integer, List<Ref>> bootstraps = new HashMap<>();
        String section = "header"; // header, constants, members, after, bootstraps
        String pending = null;     // method name waiting for its descriptor line
        String current = null;     // method whose code is being read
        Integer bootstrap = null;
        for (String line : javap.split("\\R")) {
            if (section.equals("header") && !line.startsWith(" ") && !line.startsWith("Classfile")) {
                supertypes(line, c.supertypes);
                section = "constants";
            } else if (line.equals("{")) {
                section = "members";
            } else if (line.equals("}")) {
                section = "after";
            } else if (line.startsWith("BootstrapMethods:")) {
                section = "bootstraps";
            } else if (section.equals("members")) {
                Matcher m = INVOKE.matcher(line);
                Matcher d = INDY.matcher(line);
                if (line.equals("  static {};")) {
                    pending = "<clinit>";
                } else if (line.matches("^  \\S.*\\(.*\\).*;$")) {
                    pending = methodName(line, dotted);
                } else if (line.startsWith("  ") && !line.startsWith("   ")) {
                    pending = null; // a field
                    current = null;
                } else if (pending != null && line.startsWith("    descriptor: ")) {
                    current = pending + line.substring("    descriptor: ".length());
                    c.methods.put(current, new ArrayList<>());
                    indys.put(current, new ArrayList<>());
                    pending = null;
                } else if (current != null && line.startsWith("    flags: ") && line.contains("ACC_STATIC")) {
                    c.staticMethods.add(current);
                } else if (current != null && m.find()) {
                    c.methods.get(current).add(ref(m.group(1), name));
                } else if (current != null && d.find()) {
                    indys.get(current).add(Integer.valueOf(d.group(1)));
                }
            } else if (section.equals("bootstraps")) {
                Matcher b = BOOTSTRAP.matcher(line);
                Matcher h = HANDLE.matcher(line);
                if (b.find()) {
                    bootstrap = Integer.valueOf(b.group(1));
                    bootstraps.put(bootstrap, new ArrayList<>());
                } else if (bootstrap != null && h.find()) {
                    bootstraps.get(bootstrap).add(ref(h.group(1), name));
                } else if (!line.startsWith("    ")) {
                    section = "after";
                }
            }
        }
        // Lambda bodies and method references become plain calls of the method that creates them.
        indys.forEach((method, used) -> used.forEach(i ->
                c.methods.get(method).addAll(bootstraps.getOrDefault(i, List.of()))));
        return c;
    }

    /** "a/b/C.m:(I)V", "m:(I)V" (this class) or "a/b/C.\"<init>\":()V" to a Ref. */
    private static Ref ref(String target, String self) {
        String t = target.trim().replace("\"", "");
        int colon = t.indexOf(":(");
        String qualified = t.substring(0, colon);
        int dot = qualified.lastIndexOf('.');
        String owner = dot < 0 ? self : qualified.substring(0, dot);
        return new Ref(owner, qualified.substring(dot + 1) + t.substring(colon + 1));
    }

    private static String methodName(String header, String dottedClass) {
        String beforeParams = header.substring(0, header.indexOf('(')).trim();
        String last = beforeParams.substring(beforeParams.lastIndexOf(' ') + 1);
        return last.equals(dottedClass) ? "<init>" : last;
    }

    /** "public final class a.b.C extends a.b.D<x> implements a.b.E, a.b.F" to [a/b/D, a/b/E, a/b/F]. */
    private static void supertypes(String header, List<String> out) {
        String plain = header.replaceAll("\\s*\\{$", "");
        while (plain.contains("<")) {
            plain = plain.replaceAll("<[^<>]*>", "");
        }
        Matcher m = Pattern.compile(" (?:extends|implements) ([^ ].*?)(?= implements |$)").matcher(plain);
        while (m.find()) {
            for (String s : m.group(1).split(",")) {
                out.add(s.trim().replace('.', '/'));
            }
        }
    }
}
