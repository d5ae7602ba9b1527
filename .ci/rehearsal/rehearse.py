"""The deploy rehearsal (.ci/deploy-rehearsal): what CloudFormation, IAM and a new AWS account would refuse.

usage: rehearse.py [--template T] [--previous P] [--iam-log LOG] [--policies-out FILE] [--quiet]
Prints one line per finding ("FINDING <check>: ...") and exits 1 if there is any. With --iam-log it judges the
requests an IAM run recorded (local/iam_rehearsal.py) against this template's policies; --policies-out writes the
policies an IAM run enforces.
"""
import argparse
import logging
import json
import os
import sys

import cfnlint.api

import cloudformation as cf
import iam_policies

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "local"))
import iam_rehearsal  # noqa: E402  the judge the IAM run used

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QUOTA_UNRESERVED = 100  # Lambda keeps 100 of an account's concurrency unreserved


def parameter_sets(template):
    """The defaults, each documented alternative that changes resources, every condition's other side, and all at once."""
    alternatives = {
        "SnapStart": "false",
        "PublicBaseUrl": "https://alerts.example.com",
        "ReservedConcurrency": "10",
        "WebhookConcurrency": "50",
        "EventWebhooks": "ssm:slack",
        "CallIn": "off",
        "DeadLetterAlarmTopicArn": "arn:aws:sns:us-east-1:123456789012:ops",
        "ResolvedSms": "true",
        "IncidentLinkHours": "0",
        "AllowAdHocNumbers": "false",
    }
    referenced = {p for p in template.get("Parameters", {})
                  if p in json.dumps(template.get("Conditions", {})) or p in json.dumps(template.get("Rules", {}))}
    missing = sorted(referenced - set(alternatives))
    sets = [("defaults", {})]
    sets += [(f"{k}={v}", {k: v}) for k, v in alternatives.items()]
    sets.append(("reservations", {"ReservedConcurrency": "10", "WebhookConcurrency": "50"}))
    sets.append(("all alternatives", dict(alternatives)))
    return sets, missing


def api_functions_naming_their_api(template):
    """Functions with an Api event whose own properties name an AWS::Serverless::Api (a cycle once transformed)."""
    apis = {n for n, r in template["Resources"].items() if r["Type"] == "AWS::Serverless::Api"}
    out = []
    for name, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        props = resource.get("Properties", {})
        if not any(e.get("Type") == "Api" for e in props.get("Events", {}).values()):
            continue
        named = cf.references({k: v for k, v in props.items() if k != "Events"}) & apis
        if named:
            out.append((name, sorted(named)))
    return out


def check_template(template, previous, findings, quiet, defaults_only=False):
    sets, missing = parameter_sets(template)
    sets = sets[:1] if defaults_only else sets
    for parameter in missing:
        findings.append(f"parameters: {parameter} changes a condition and has no alternative in the rehearsal")
    defaults = cf.defaults(template)
    transformed_defaults = None
    for label, overrides in sets:
        values = dict(defaults, **overrides)
        try:
            cfn = cf.transformed(template, values)
        except Exception as e:  # SAM refuses the template: what `sam deploy` would print
            findings.append(f"transform [{label}]: {str(e)[:300]}")
            continue
        transformed_defaults = transformed_defaults or cfn
        errors = [m for m in cfnlint.api.lint(json.dumps(cfn), regions=["us-east-1"]) if m.rule.id.startswith("E")]
        for m in errors:
            findings.append(f"cfn-lint [{label}]: {m.rule.id} {m.message} ({'/'.join(map(str, m.path))})")
        evaluator = cf.Evaluator(cfn, values)
        cycle = cf.dependency_cycle(cfn, evaluator)
        if cycle:
            findings.append(f"dependency cycle [{label}]: {' -> '.join(cycle)}")
        reserved = cf.reservations(cfn, evaluator)
        if label == "defaults" and reserved:
            findings.append(f"reservations: the defaults reserve {sum(reserved.values())} concurrent executions "
                            f"({', '.join(f'{k} {v}' for k, v in sorted(reserved.items()))}); a new account refuses them")
        if not quiet:
            print(f"ok   [{label}]: {len(cfn['Resources'])} resources, cfn-lint {len(errors)} errors, "
                  f"{'cycle' if cycle else 'no cycle'}, reserves {sum(reserved.values())}"
                  + (f" (quota needed {sum(reserved.values()) + QUOTA_UNRESERVED})" if reserved else ""))
    for function, apis in api_functions_naming_their_api(template):
        findings.append(f"api url: {function} has an Api event and names {', '.join(apis)} in its properties "
                        f"(take the base URL from the request)")
    for name, resource in template["Resources"].items():
        if resource["Type"] in ("AWS::DynamoDB::Table", "AWS::SQS::Queue"):
            missing = [p for p in ("DeletionPolicy", "UpdateReplacePolicy") if resource.get(p) != "Retain"]
            if missing:
                findings.append(f"data: {name} ({resource['Type']}) lacks {' and '.join(missing)}: Retain; a "
                                f"replacement or a deleted stack would lose what it holds")
    check_table_identity(template, previous, findings)
    return transformed_defaults, defaults


def check_table_identity(template, previous, findings):
    now, before = cf.table_identity(template), cf.table_identity(previous)
    for name, old in before.items():
        new = now.get(name)
        if new is None:
            findings.append(f"table: {name} is gone or renamed (a new logical id replaces the table and its data)")
            continue
        for field in ("TableName", "KeySchema"):
            if new[field] != old[field]:
                findings.append(f"table: {name}'s {field} changed from {old[field]} to {new[field]}: "
                                f"CloudFormation replaces the table")
        for index in set(old["Indexes"]) & set(new["Indexes"]):
            if old["Indexes"][index] != new["Indexes"][index]:
                findings.append(f"table: {name}'s index {index} changed its keys: one update cannot delete and "
                                f"re-create an index (give the new one a new name)")
        changed = set(old["Indexes"]) ^ set(new["Indexes"])
        if len(changed) > 1:
            findings.append(f"table: {name} adds or removes {len(changed)} indexes at once ({', '.join(sorted(changed))});"
                            f" CloudFormation takes one per update")


def check_iam(cfn, values, log_path, findings, quiet):
    policies, _ = iam_policies.function_policies(cfn, values)
    log = iam_policies.read_log(log_path)
    functions_seen = {line["function"] for line in log}
    for function in sorted(set(policies) - functions_seen):
        findings.append(f"iam: {function} made no AWS call in the IAM run (is it exercised?)")
    seen = set()
    for line in log:
        allowed, why = iam_rehearsal.judge(policies.get(line["function"], []), line["action"], line["resource"],
                                           line["leadingKeys"])
        key = (line["function"], line["action"], line["resource"])
        if not allowed and key not in seen:
            seen.add(key)
            findings.append(f"iam: {line['function']} is denied {line['action']} on {line['resource']}"
                            + (f" (leading keys {line['leadingKeys']})" if line["leadingKeys"] else "")
                            + (f": {why}" if why else ""))
    if not quiet:
        print(f"iam: {len(log)} requests by {len(functions_seen)} functions judged")
        for function, action, resource in iam_policies.unused_grants(policies, log):
            print(f"least privilege: {function} is granted {action} on {resource}, never used in the run")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", default=os.path.join(ROOT, "template.yaml"))
    parser.add_argument("--previous", default=os.path.join(ROOT, ".ci", "previous-template.yaml"))
    parser.add_argument("--iam-log")
    parser.add_argument("--policies-out")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--iam-only", action="store_true", help="only judge --iam-log (the template checks ran before)")
    parser.add_argument("--defaults-only", action="store_true", help="transform and lint the defaults only")
    args = parser.parse_args()
    logging.getLogger("samtranslator").setLevel(logging.ERROR)  # its "unpublished metrics" notices
    findings = []
    template = cf.read(args.template)
    if args.iam_only:
        defaults = cf.defaults(template)
        cfn = cf.transformed(template, defaults)
    else:
        cfn, defaults = check_template(template, cf.read(args.previous), findings, args.quiet, args.defaults_only)
    if cfn and args.policies_out:
        policies, aws_managed = iam_policies.function_policies(cfn, defaults)
        with open(args.policies_out, "w") as f:
            json.dump({"functions": policies, "awsManaged": aws_managed}, f, indent=1)
    if cfn and args.iam_log:
        check_iam(cfn, defaults, args.iam_log, findings, args.quiet)
    for finding in findings:
        print(f"FINDING {finding}")
    print(f"deploy rehearsal: {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
