package org.conflictledger.deployed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conflictledger.testing.SamTemplate;

/**
 * What infra/template.yaml says about one function, with the template's intrinsics evaluated the
 * way CloudFormation would for one test deployment: handler, runtime, memory, timeout, log format,
 * SnapStart and the environment variables. Nothing here is copied from the template by hand; a
 * reference this class cannot resolve fails the test instead of being guessed.
 */
final class TemplateFunction {

    /** What the test deployment made of the template's resources and parameters. */
    record Deployment(String stackName, String region, String accountId, Map<String, JsonNode> parameters,
                      String tableName, Function<String, String> secretArn, Function<String, String> secretValue) {
    }

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}!]+)}");
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:secretsmanager:([^}]+?):SecretString}}");

    final String logicalId;
    final String handler;
    final String runtime;
    final int memoryMb;
    final int timeoutSeconds;
    final String logFormat;
    final boolean snapStart;
    final Map<String, String> environment;
    final String logGroup;

    private final SamTemplate template;
    private final Deployment deployment;

    TemplateFunction(SamTemplate template, String logicalId, Deployment deployment) {
        this.template = template;
        this.deployment = deployment;
        this.logicalId = logicalId;
        JsonNode p = template.functionProperties(logicalId);
        this.handler = text(p, "Handler");
        this.runtime = text(p, "Runtime");
        this.memoryMb = Integer.parseInt(text(p, "MemorySize"));
        this.timeoutSeconds = p.has("Timeout") ? Integer.parseInt(value(p.get("Timeout")).asText()) : 3;
        this.logFormat = p.path("LoggingConfig").has("LogFormat") ? value(p.path("LoggingConfig").get("LogFormat")).asText() : "Text";
        this.logGroup = p.path("LoggingConfig").has("LogGroup") ? value(p.path("LoggingConfig").get("LogGroup")).asText()
                : "/aws/lambda/" + functionName();
        this.snapStart = "PublishedVersions".equals(p.path("SnapStart").path("ApplyOn").asText());
        Map<String, String> env = new LinkedHashMap<>();
        p.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), string(e.getValue())));
        this.environment = env;
    }

    /**
     * The function's name as Lambda would report it (AWS_LAMBDA_FUNCTION_NAME): its FunctionName
     * where the template names it, else CloudFormation's generated physical name.
     */
    String functionName() {
        JsonNode named = template.functionProperties(logicalId).get("FunctionName");
        return named != null ? value(named).asText() : deployment.stackName() + "-" + logicalId + "-TEST";
    }

    private String text(JsonNode properties, String name) {
        JsonNode v = properties.get(name);
        if (v == null) {
            throw new IllegalStateException(logicalId + " has no " + name + " in " + SamTemplate.RELATIVE_PATH);
        }
        return value(v).asText();
    }

    /** A value as a string, as an environment variable holds it. */
    private String string(JsonNode node) {
        JsonNode v = value(node);
        if (!v.isValueNode()) {
            throw new IllegalStateException("not a string value in " + logicalId + ": " + node);
        }
        return resolveDynamicReferences(v.asText());
    }

    /** CloudFormation resolves {{resolve:secretsmanager:ARN:SecretString}} at deploy time. */
    private String resolveDynamicReferences(String s) {
        Matcher m = DYNAMIC_REFERENCE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(deployment.secretValue().apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Evaluates the intrinsic functions in a node. */
    JsonNode value(JsonNode node) {
        if (node.isValueNode()) {
            return node;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(value(n)));
            return out;
        }
        if (node.size() == 1) {
            String fn = node.fieldNames().next();
            JsonNode arg = node.get(fn);
            switch (fn) {
                case "Ref":
                    return ref(arg.asText());
                case "Fn::GetAtt":
                    return text(getAtt(arg.isArray() ? arg.get(0).asText() : arg.asText().split("\\.")[0],
                            arg.isArray() ? arg.get(1).asText() : arg.asText().split("\\.", 2)[1]));
                case "Fn::Sub":
                    return text(sub(arg));
                case "Fn::Join": {
                    List<String> parts = new ArrayList<>();
                    for (JsonNode item : flatten(value(arg.get(1)))) {
                        parts.add(item.asText());
                    }
                    return text(String.join(arg.get(0).asText(), parts));
                }
                case "Fn::If":
                    return value(condition(arg.get(0).asText()) ? arg.get(1) : arg.get(2));
                default:
                    break;
            }
        }
        throw new IllegalStateException("cannot evaluate " + node + " for " + logicalId);
    }

    private static List<JsonNode> flatten(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(i -> out.addAll(flatten(i)));
        } else {
            out.add(n);
        }
        return out;
    }

    private static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }

    private String sub(JsonNode arg) {
        String pattern = arg.isArray() ? arg.get(0).asText() : arg.asText();
        Map<String, String> vars = new LinkedHashMap<>();
        if (arg.isArray()) {
            arg.get(1).fields().forEachRemaining(e -> vars.put(e.getKey(), value(e.getValue()).asText()));
        }
        Matcher m = SUB.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = vars.containsKey(name) ? vars.get(name)
                    : name.contains(".") && !name.startsWith("AWS::") ? getAtt(name.substring(0, name.indexOf('.')),
                    name.substring(name.indexOf('.') + 1))
                    : ref(name).asText();
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private JsonNode ref(String name) {
        switch (name) {
            case "AWS::StackName":
                return text(deployment.stackName());
            case "AWS::Region":
                return text(deployment.region());
            case "AWS::AccountId":
                return text(deployment.accountId());
            case "AWS::Partition":
                return text("aws");
            case "AWS::URLSuffix":
                return text("amazonaws.com");
            default:
                break;
        }
        JsonNode parameter = template.root().path("Parameters").get(name);
        if (parameter != null) {
            JsonNode v = deployment.parameters().get(name);
            if (v == null) {
                v = parameter.get("Default");
            }
            if (v == null) {
                throw new IllegalStateException("parameter " + name + " has no default and no test value");
            }
            if ("CommaDelimitedList".equals(parameter.path("Type").asText()) && v.isTextual()) {
                var list = JsonNodeFactory.instance.arrayNode();
                for (String s : v.asText().split(",", -1)) {
                    list.add(s);
                }
                return list;
            }
            return v;
        }
        String type = template.resource(name).path("Type").asText();
        return switch (type) {
            case "AWS::DynamoDB::Table" -> text(deployment.tableName());
            case "AWS::SecretsManager::Secret" -> text(deployment.secretArn().apply(name));
            case "AWS::Logs::LogGroup" -> value(template.properties(name).get("LogGroupName"));
            default -> throw new IllegalStateException("no test value for Ref " + name + " (" + type + ")");
        };
    }

    private String getAtt(String resource, String attribute) {
        String type = template.resource(resource).path("Type").asText();
        if ("AWS::DynamoDB::Table".equals(type) && "Arn".equals(attribute)) {
            return "arn:aws:dynamodb:" + deployment.region() + ":" + deployment.accountId() + ":table/"
                    + deployment.tableName();
        }
        throw new IllegalStateException("no test value for Fn::GetAtt " + resource + "." + attribute);
    }

    private boolean condition(String name) {
        JsonNode c = template.root().path("Conditions").get(name);
        if (c == null) {
            throw new IllegalStateException("no condition " + name);
        }
        return evaluate(c);
    }

    private boolean evaluate(JsonNode c) {
        if (c.has("Condition")) {
            return condition(c.get("Condition").asText());
        }
        String fn = c.fieldNames().next();
        JsonNode args = c.get(fn);
        switch (fn) {
            case "Fn::Not":
                return !evaluate(args.get(0));
            case "Fn::Equals":
                return value(args.get(0)).equals(value(args.get(1)));
            case "Fn::And": {
                boolean all = true;
                for (Iterator<JsonNode> it = args.elements(); it.hasNext(); ) {
                    all &= evaluate(it.next());
                }
                return all;
            }
            case "Fn::Or": {
                boolean any = false;
                for (Iterator<JsonNode> it = args.elements(); it.hasNext(); ) {
                    any |= evaluate(it.next());
                }
                return any;
            }
            default:
                throw new IllegalStateException("cannot evaluate condition " + c);
        }
    }
}
