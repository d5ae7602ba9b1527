"""moto with IAM enforcement, judged as AWS judges: the deploy rehearsal's IAM half (.ci/deploy-rehearsal).

moto_server.py turns this on when ALERTBRIDGE_IAM_POLICIES names a JSON file {"functions": {<logical id>: [{"name",
"document"}]}} (each function's policies from the transformed template, resources resolved). Then:
- every function becomes an IAM user in moto holding exactly its policies, with an access key written to
  ALERTBRIDGE_IAM_KEYS ({<logical id>: {"accessKeyId", "secretAccessKey"}});
- moto's enforcement is on (INITIAL_NO_AUTH_ACTION_COUNT 0): a request must be signed with a known key (moto checks
  the signature and finds the user), except the harness's own key "testing" (the deployer, who creates the table);
- what the request may do is judged here, not by moto's matcher, which authorizes DynamoDB and SSM against resource
  "*" (so no scoped grant could ever match), a transaction as one action "TransactWriteItems" (AWS authorizes each
  item's own action: PutItem, UpdateItem, DeleteItem, ConditionCheckItem) and SendMessageBatch as its own action (AWS:
  sqs:SendMessage). Conditions on dynamodb:LeadingKeys are evaluated; any other condition key is refused;
- each decision is appended to ALERTBRIDGE_IAM_LOG as one JSON line {function, action, resource, leadingKeys,
  allowed, grant}: the rehearsal reads it for denials and for the grants nobody used, and judges a changed template's
  policies against the same requests (judge() below, imported by .ci/rehearsal).
"""
import fnmatch
import json
import os
import threading
from urllib.parse import urlparse

ACCOUNT = "123456789012"
REGION = "us-east-1"
HARNESS_KEY = "testing"
_SQS_ACTIONS = {"SendMessageBatch": "SendMessage", "DeleteMessageBatch": "DeleteMessage",
                "ChangeMessageVisibilityBatch": "ChangeMessageVisibility"}
_TRANSACT = {"ConditionCheck": "ConditionCheckItem", "Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
             "Get": "GetItem"}


def _matches(patterns, value, case_insensitive=False):
    patterns = patterns if isinstance(patterns, list) else [] if patterns is None else [patterns]
    if case_insensitive:
        return any(fnmatch.fnmatchcase(value.lower(), p.lower()) for p in patterns)
    return any(fnmatch.fnmatchcase(value, p) for p in patterns)


def _condition_holds(condition, leading_keys):
    """AWS's evaluation of the conditions we use; (holds, unsupported key or None)."""
    for operator, tests in condition.items():
        for key, expected in tests.items():
            if key != "dynamodb:LeadingKeys" or operator not in ("ForAllValues:StringLike", "ForAllValues:StringEquals"):
                return False, f"{operator} {key}"
            expected = expected if isinstance(expected, list) else [expected]
            like = operator.endswith("Like")
            # ForAllValues: every value the request carries matches; a request without values passes (AWS's rule)
            for value in leading_keys or []:
                if not any(fnmatch.fnmatchcase(value, e) if like else value == e for e in expected):
                    return False, None
    return True, None


def judge(policies, action, resource, leading_keys):
    """(allowed, grant or reason) for one action on one resource under a list of {"name", "document"} policies."""
    allowed, grant = False, None
    for policy in policies:
        statements = policy["document"]["Statement"]
        for index, statement in enumerate(statements if isinstance(statements, list) else [statements]):
            if "NotAction" in statement or "NotResource" in statement:
                return False, f"unsupported NotAction/NotResource in {policy['name']}"
            if not _matches(statement.get("Action", []), action, case_insensitive=True):
                continue
            if not _matches(statement.get("Resource", []), resource):
                continue
            holds, unsupported = _condition_holds(statement.get("Condition", {}), leading_keys)
            if unsupported:
                return False, f"unsupported condition {unsupported} in {policy['name']}"
            if not holds:
                continue
            if statement.get("Effect") == "Deny":
                return False, f"denied by {policy['name']}#{index}"
            allowed, grant = True, grant or f"{policy['name']}#{index}"
    return allowed, grant


def _hash_key(table):
    try:
        from moto.dynamodb.models import dynamodb_backends
        return dynamodb_backends[ACCOUNT][REGION].get_table(table).hash_key_attr
    except Exception:
        return "pk"


def _attr(value):
    return next(iter(value.values())) if isinstance(value, dict) and value else None


def _table_arn(table, index=None):
    return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{table}" + (f"/index/{index}" if index else "")


def _query_leading_key(body, hash_key):
    expression = body.get("KeyConditionExpression", "")
    for part in expression.replace("(", " ").replace(")", " ").split(" AND "):
        left, _, right = part.partition("=")
        left, right = left.strip(), right.strip()
        name = body.get("ExpressionAttributeNames", {}).get(left, left)
        if name == hash_key and right in body.get("ExpressionAttributeValues", {}):
            return [_attr(body["ExpressionAttributeValues"][right])]
    return []


def dynamodb_requests(action, body):
    """[(action, resource, leading keys)] AWS authorizes for one DynamoDB request."""
    if action in ("BatchWriteItem", "BatchGetItem"):
        out = []
        for table, entries in body.get("RequestItems", {}).items():
            key = _hash_key(table)
            items = entries if isinstance(entries, list) else entries.get("Keys", [])
            values = []
            for entry in items:
                inner = entry.get("PutRequest", {}).get("Item") or entry.get("DeleteRequest", {}).get("Key") or entry
                values.append(_attr(inner.get(key, {})))
            out.append((action, _table_arn(table), values))
        return out
    if action in ("TransactWriteItems", "TransactGetItems"):
        out = []
        for entry in body.get("TransactItems", []):
            kind, op = next(iter(entry.items()))
            table = op["TableName"]
            item = op.get("Key") or op.get("Item") or {}
            out.append((_TRANSACT[kind], _table_arn(table), [_attr(item.get(_hash_key(table), {}))]))
        return out
    table = body.get("TableName", "")
    key = _hash_key(table)
    index = body.get("IndexName")
    if action in ("Query", "Scan"):
        leading = [] if index or action == "Scan" else _query_leading_key(body, key)
    else:
        item = body.get("Key") or body.get("Item") or {}
        leading = [_attr(item[key])] if key in item else []
    return [(action, _table_arn(table, index), leading)]


def other_requests(service, action, params):
    if service == "ssm":
        if action == "GetParametersByPath":
            names = [params.get("Path", "")]
        else:
            names = params.get("Names") or [params.get("Name", "")]
        return [(action, f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter{n}", None) for n in names]
    if service == "sqs":
        queue = (params.get("QueueUrl") or "").rstrip("/").rsplit("/", 1)[-1] or params.get("QueueName", "")
        return [(_SQS_ACTIONS.get(action, action), f"arn:aws:sqs:{REGION}:{ACCOUNT}:{queue}", None)]
    if service == "sns":
        return [(action, params.get("TopicArn") or params.get("TargetArn") or "*", None)]
    return [(action, "*", None)]


def install(policies_path, keys_path, log_path):
    """Creates one IAM user per function in moto and puts this judge in front of every request but the harness's."""
    from moto import settings
    from moto.core import authorization
    from moto.iam.access_control import IAMRequest
    from moto.iam.models import iam_backends

    functions = json.load(open(policies_path))["functions"]
    iam = iam_backends[ACCOUNT]["aws"]
    keys, users = {}, {}
    for function, policies in functions.items():
        iam.create_user(REGION, function, path="/")
        for policy in policies:
            # SAM writes inline policies without a Version (AWS then reads 2008-10-17, the same for these statements)
            document = dict({"Version": "2012-10-17"}, **policy["document"])
            iam.put_user_policy(function, policy["name"][:128], json.dumps(document))
        key = iam.create_access_key(function)
        keys[function] = {"accessKeyId": key.access_key_id, "secretAccessKey": key.secret_access_key}
        users[key.access_key_id] = function
    with open(keys_path, "w") as f:
        json.dump(keys, f)
    settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
    log_lock = threading.Lock()

    def authorize(self, iam_request_cls, resource="*"):
        header = self.headers.get("Authorization", "")
        key_id = header.split("Credential=", 1)[-1].split("/", 1)[0] if "Credential=" in header else ""
        if key_id == HARNESS_KEY:
            return
        request = IAMRequest(account_id=self.current_account, method=self.method, path=urlparse(self.uri).path,
                             data=self.data, body=self.raw_body, headers=self.headers, action=self._get_action())
        request.check_signature()  # an unknown key or a bad signature is refused here, as AWS refuses it
        function = users.get(key_id)
        service = request._service
        action = self._get_action()
        if service == "dynamodb":
            body = self.body if isinstance(self.body, dict) else json.loads(self.raw_body or b"{}")
            wanted = dynamodb_requests(action, body)
        else:  # SSM and SQS speak JSON; SNS the query protocol, whose form fields moto's querystring holds
            params = (json.loads(self.raw_body or b"{}") if self.headers.get("X-Amz-Target")
                      else {k: v[0] for k, v in self.querystring.items() if v})
            wanted = other_requests(service, action, params)
        denied = None
        for one_action, one_resource, leading in wanted:
            allowed, grant = judge(functions.get(function, []), f"{service}:{one_action}", one_resource, leading)
            line = {"function": function, "action": f"{service}:{one_action}", "resource": one_resource,
                    "leadingKeys": leading, "allowed": allowed, "grant": grant}
            with log_lock, open(log_path, "a") as log:
                log.write(json.dumps(line) + "\n")
            if not allowed and denied is None:
                denied = one_action
        if denied:
            request._raise_access_denied()

    authorization.ActionAuthenticatorMixin._authenticate_and_authorize_action = authorize


def install_from_environment():
    policies = os.environ.get("ALERTBRIDGE_IAM_POLICIES")
    if policies:
        install(policies, os.environ["ALERTBRIDGE_IAM_KEYS"], os.environ["ALERTBRIDGE_IAM_LOG"])
