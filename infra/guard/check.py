#!/usr/bin/env python3
"""cfn-guard with the AWS Control Tower proactive-control rules on infra/template.yaml (make guard).

The rules match CloudFormation resource types, so the SAM template is first expanded the way
CloudFormation's AWS::Serverless transform does it, with the samtranslator package (installed with
cfn-lint). cfn-guard and the rules come from the npm package @cdklabs/cdk-validator-cfnguard
(package.json here; `npm ci` installs it into node_modules/).

Suppressions live in the template, on the resource: Metadata.guard.SuppressedRules is a list of
one-entry mappings "rule_name: reason". A resource that the transform generates (a function's role,
its API permissions, the API's stage) takes the suppressions of the template resource whose logical
id is the longest prefix of its own. A suppression without a reason, or one that suppresses nothing,
is an error, so the list stays true.
"""
import json
import os
import platform
import re
import subprocess
import sys
import tempfile

import yaml
from samtranslator.parser import parser
from samtranslator.translator.translator import Translator

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, "node_modules", "@cdklabs", "cdk-validator-cfnguard")


def guard_binary():
    system = {"Linux": "ubuntu", "Darwin": "macos"}.get(platform.system())
    arch = {"x86_64": "x86_64", "amd64": "x86_64", "arm64": "aarch64", "aarch64": "aarch64"}.get(platform.machine().lower())
    path = os.path.join(PACKAGE, "bin", system or "?", arch or "?", "cfn-guard")
    if not os.path.isfile(path):
        sys.exit(f"no cfn-guard binary for {platform.system()}/{platform.machine()} at {path} (run npm ci in infra/guard)")
    return path


def expand(template):
    """The template as CloudFormation sees it after the AWS::Serverless-2016-10-31 transform."""
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    sam = json.loads(json.dumps(template))
    for resource in sam.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            # sam build/package replace the local zip path by an S3 location; any will do here.
            resource["Properties"]["CodeUri"] = "s3://bucket/function.zip"
    return Translator(managed_policy_map={}, sam_parser=parser.Parser()).translate(sam, parameter_values={})


def suppressions(template):
    """{(logical id, rule): reason}; exits on a suppression without a reason."""
    out = {}
    for logical_id, resource in template.get("Resources", {}).items():
        rules = ((resource.get("Metadata") or {}).get("guard") or {}).get("SuppressedRules") or []
        for entry in rules:
            if not isinstance(entry, dict) or len(entry) != 1:
                sys.exit(f"{logical_id}: each SuppressedRules entry is 'rule_name: reason', got {entry!r}")
            (rule, reason), = entry.items()
            if not isinstance(reason, str) or not reason.strip():
                sys.exit(f"{logical_id}: suppression of {rule} has no reason")
            out[(logical_id, rule)] = reason
    return out


def source_of(generated_id, template_ids):
    if generated_id in template_ids:
        return generated_id
    prefixes = [t for t in template_ids if generated_id.startswith(t)]
    return max(prefixes, key=len) if prefixes else generated_id


def guard_documents(output):
    """cfn-guard -o json prints one JSON document per rule file, back to back."""
    decoder, i, docs = json.JSONDecoder(), 0, []
    while True:
        while i < len(output) and output[i].isspace():
            i += 1
        if i >= len(output):
            return docs
        doc, i = decoder.raw_decode(output, i)
        docs.append(doc)


def first_line(text):
    return next((line.strip() for line in (text or "").splitlines() if line.strip()), "")


def messages(node):
    if isinstance(node, dict):
        m = (node.get("messages") or {}).get("custom_message")
        if m and m.strip():
            yield m
        for v in node.values():
            yield from messages(v)
    elif isinstance(node, list):
        for v in node:
            yield from messages(v)


def main():
    template_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "template.yaml")
    with open(template_path) as f:
        template = yaml.safe_load(f)
    template_ids = set(template.get("Resources", {}))
    suppressed = suppressions(template)
    rules = os.path.join(PACKAGE, "rules", "control-tower", "cfn-guard")
    with tempfile.TemporaryDirectory() as tmp:
        expanded = os.path.join(tmp, "expanded.json")
        with open(expanded, "w") as f:
            json.dump(expand(template), f, indent=1)
        run = subprocess.run([guard_binary(), "validate", "-r", rules, "-d", expanded, "-o", "json", "-S", "none"],
                             capture_output=True, text=True)
    if run.returncode not in (0, 19):  # 19: some rule failed
        sys.exit(f"cfn-guard failed ({run.returncode}): {run.stderr}")
    findings = {}  # (rule, source id) -> message
    rule_count = 0
    for doc in guard_documents(run.stdout):
        rule_count += 1
        for item in doc.get("not_compliant") or []:
            rule = (item.get("Rule") or {}).get("name") or doc.get("name")
            text = json.dumps(item)
            message = first_line(next(messages(item), ""))
            for generated in sorted(set(re.findall(r'/Resources/([^/"\[]+)', text))):
                findings.setdefault((rule, source_of(generated, template_ids)), (generated, message))
    open_findings, used = [], set()
    for (rule, source), (generated, message) in sorted(findings.items()):
        if (source, rule) in suppressed:
            used.add((source, rule))
        else:
            open_findings.append(f"  {rule} on {generated}" + (f" (from {source})" if generated != source else "")
                                 + (f": {message}" if message else ""))
    unused = sorted(set(suppressed) - used)
    print(f"cfn-guard: {rule_count} Control Tower rule files on the expanded {os.path.relpath(template_path)}; "
          f"{len(used)} suppressed finding(s), {len(open_findings)} open")
    for source, rule in unused:
        print(f"  suppression of {rule} on {source} matches no finding: remove it")
    for line in open_findings:
        print(line)
    return 1 if open_findings or unused else 0


if __name__ == "__main__":
    sys.exit(main())
