"""Each function's IAM policies as the transformed template gives its role, resources resolved to the names the IAM run
(the local stack, not isolated: alertbridge.local.LocalStack) creates them with; and what the run's log says of them."""
import json

from cloudformation import Evaluator

ACCOUNT, REGION = "123456789012", "us-east-1"
# alertbridge.local.LocalStack.TABLE_NAME and RESOURCE_PREFIX (the IAM run checks that its stack used these)
TABLE_NAME = "alertbridge-local-incidents"
RESOURCE_PREFIX = "alertbridge-local-"


def physical_names(cfn):
    """What Ref/GetAtt of the stack's tables, queues and topics resolve to in the IAM run."""
    names = {}
    for name, resource in cfn["Resources"].items():
        kind = resource["Type"]
        if kind == "AWS::DynamoDB::Table":
            names[name] = TABLE_NAME
            names[name + ".Arn"] = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{TABLE_NAME}"
        elif kind == "AWS::SQS::Queue":
            names[name] = f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{RESOURCE_PREFIX}{name}"
            names[name + ".Arn"] = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{RESOURCE_PREFIX}{name}"
            names[name + ".QueueName"] = RESOURCE_PREFIX + name
        elif kind == "AWS::SNS::Topic":
            names[name] = f"arn:aws:sns:{REGION}:{ACCOUNT}:{RESOURCE_PREFIX}{name}"
        elif kind == "AWS::IAM::ManagedPolicy":
            names[name] = f"arn:aws:iam::{ACCOUNT}:policy/{name}"
    return names


def function_policies(cfn, values):
    """({function: [{"name", "document"}]}, {function: [AWS managed policy ARNs]}) for the functions these values make.

    AWS managed policies (SAM's AWSLambdaBasicExecutionRole, the SQS poller's AWSLambdaSQSQueueExecutionRole, X-Ray's)
    serve the Lambda service (logs, polling, traces), not the SDK calls our code makes; they are listed, not judged.
    """
    evaluator = Evaluator(cfn, values, physical_names(cfn))
    resources = cfn["Resources"]
    managed_docs = {f"arn:aws:iam::{ACCOUNT}:policy/{n}": r for n, r in resources.items()
                    if r["Type"] == "AWS::IAM::ManagedPolicy"}
    policies, aws_managed = {}, {}
    for name, resource in resources.items():
        if resource["Type"] != "AWS::Lambda::Function" or not evaluator.active(resource):
            continue
        role_ref = resource["Properties"]["Role"]["Fn::GetAtt"]
        role = resources[role_ref[0] if isinstance(role_ref, list) else role_ref.split(".")[0]]["Properties"]
        mine = [{"name": p["PolicyName"], "document": evaluator.value(p["PolicyDocument"])}
                for p in evaluator.pruned(role.get("Policies", []))]
        for arn in evaluator.value(role.get("ManagedPolicyArns", [])):
            if arn in managed_docs:
                policy_name = arn.rsplit("/", 1)[-1]
                mine.append({"name": policy_name, "document": evaluator.value(managed_docs[arn]["Properties"]["PolicyDocument"])})
            else:
                aws_managed.setdefault(name, []).append(arn)
        policies[name] = mine
    return policies, aws_managed


def read_log(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def granted_actions(policies):
    """[(action, resource, policy#statement)] each function's own policies grant."""
    out = {}
    for function, docs in policies.items():
        for policy in docs:
            statements = policy["document"]["Statement"]
            for index, st in enumerate(statements if isinstance(statements, list) else [statements]):
                actions = st["Action"] if isinstance(st["Action"], list) else [st["Action"]]
                resources = st["Resource"] if isinstance(st["Resource"], list) else [st["Resource"]]
                for action in actions:
                    for resource in resources:
                        out.setdefault(function, []).append((action, resource, f"{policy['name']}#{index}"))
    return out


def unused_grants(policies, log):
    """[(function, action, resource)] granted but never asked for in the run (the least-privilege report)."""
    import fnmatch
    used = {}
    for line in log:
        if line["allowed"]:
            used.setdefault(line["function"], []).append((line["action"], line["resource"]))
    out = []
    for function, grants in granted_actions(policies).items():
        for action, resource, _ in grants:
            if not any(fnmatch.fnmatchcase(a.lower(), action.lower()) and fnmatch.fnmatchcase(r, resource)
                       for a, r in used.get(function, [])):
                out.append((function, action, resource))
    return out
