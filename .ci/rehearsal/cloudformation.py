"""What CloudFormation would make of template.yaml: SAM's transform as `sam deploy` submits it, conditions evaluated
for one set of parameter values, the dependency graph and its cycles, reservations, and the table's identity."""
import copy
import re

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

PSEUDO = {"AWS::Region": "us-east-1", "AWS::Partition": "aws", "AWS::AccountId": "123456789012",
          "AWS::StackName": "alertbridge", "AWS::URLSuffix": "amazonaws.com", "AWS::NoValue": None}
NO_VALUE = object()


class _NoManagedPolicies:
    """SAM asks IAM for managed policy ARNs by name only when a template names one; ours never do."""

    def load(self):
        return {}


def read(path):
    with open(path) as f:
        return yaml_parse(f.read())


def defaults(template):
    return {name: str(p.get("Default", "")) for name, p in template.get("Parameters", {}).items()}


def transformed(template, values):
    """The CloudFormation template `sam deploy` submits for these parameter values (CodeUri as `sam package` sets it)."""
    source = copy.deepcopy(template)
    for name, resource in source["Resources"].items():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = f"s3://alertbridge-rehearsal/{name}.zip"
    return transform(source, dict(values, **{k: v for k, v in PSEUDO.items() if v is not None}), _NoManagedPolicies())


class Evaluator:
    """Evaluates conditions and Fn::If for parameter values; resolves Ref/GetAtt/Sub to names given per resource."""

    def __init__(self, template, values, names=None):
        self.template, self.values, self.names = template, values, names or {}
        self._conditions = {}

    def condition(self, name):
        if name not in self._conditions:
            self._conditions[name] = bool(self.value(self.template.get("Conditions", {})[name]))
        return self._conditions[name]

    def active(self, resource):
        return "Condition" not in resource or self.condition(resource["Condition"])

    def pruned(self, node):
        """node with every Fn::If replaced by its taken branch (AWS::NoValue entries dropped); other calls kept."""
        if isinstance(node, dict):
            if len(node) == 1 and "Fn::If" in node:
                name, yes, no = node["Fn::If"]
                return self.pruned(yes if self.condition(name) else no)
            if node == {"Ref": "AWS::NoValue"}:
                return NO_VALUE
            out = {k: self.pruned(v) for k, v in node.items()}
            return {k: v for k, v in out.items() if v is not NO_VALUE}
        if isinstance(node, list):
            return [v for v in (self.pruned(x) for x in node) if v is not NO_VALUE]
        return node

    def value(self, node):
        """A fully evaluated value (for conditions and policies): parameters, pseudo parameters and resource names."""
        node = self.pruned(node)
        if isinstance(node, list):
            return [self.value(x) for x in node]
        if not isinstance(node, dict):
            return node
        if len(node) != 1:
            return {k: self.value(v) for k, v in node.items()}
        (fn, arg), = node.items()
        if fn == "Fn::Equals":
            return str(self.value(arg[0])) == str(self.value(arg[1]))
        if fn == "Fn::Not":
            return not self.value(arg[0])
        if fn == "Fn::And":
            return all(self.value(a) for a in arg)
        if fn == "Fn::Or":
            return any(self.value(a) for a in arg)
        if fn == "Condition":
            return self.condition(arg)
        if fn == "Ref":
            return self.ref(arg)
        if fn == "Fn::GetAtt":
            target = arg if isinstance(arg, list) else arg.split(".", 1)
            return self.names.get(".".join(target), f"<{'.'.join(target)}>")
        if fn == "Fn::Sub":
            text, extra = (arg, {}) if isinstance(arg, str) else (arg[0], {k: self.value(v) for k, v in arg[1].items()})
            return re.sub(r"\$\{([^}!]+)}", lambda m: str(extra[m.group(1)] if m.group(1) in extra else
                                                           self.names.get(m.group(1)) or self.ref(m.group(1))), text)
        if fn == "Fn::Join":
            return arg[0].join(str(self.value(x)) for x in arg[1])
        return {fn: self.value(arg)}

    def ref(self, name):
        if name in self.values:
            return self.values[name]
        if name in PSEUDO:
            return PSEUDO[name]
        return self.names.get(name, f"<{name}>")


def references(node):
    """Logical ids a property tree refers to (Ref, GetAtt, Sub), as CloudFormation orders resources by them."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                found.add(value)
            elif key == "Fn::GetAtt":
                found.add((value if isinstance(value, list) else value.split("."))[0])
            elif key == "Fn::Sub":
                text = value if isinstance(value, str) else value[0]
                found.update(m.split(".")[0] for m in re.findall(r"\$\{([^}!]+)}", text))
                if not isinstance(value, str):
                    found.update(references(value[1]))
            else:
                found.update(references(value))
    elif isinstance(node, list):
        for value in node:
            found.update(references(value))
    return found


def dependency_cycle(cfn, evaluator):
    """The first dependency cycle among the resources these parameter values create, as a path, or None."""
    resources = {n: r for n, r in cfn["Resources"].items() if evaluator.active(r)}
    edges = {}
    for name, resource in resources.items():
        pruned = evaluator.pruned({k: v for k, v in resource.items() if k != "DependsOn"})
        depends = resource.get("DependsOn", [])
        targets = references(pruned) | set([depends] if isinstance(depends, str) else depends)
        edges[name] = sorted(t for t in targets if t in resources)
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in edges[node]:
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def reservations(cfn, evaluator):
    """{function: reserved concurrent executions} for the functions these parameter values reserve for."""
    out = {}
    for name, resource in cfn["Resources"].items():
        if resource["Type"] == "AWS::Lambda::Function" and evaluator.active(resource):
            value = evaluator.value(resource["Properties"].get("ReservedConcurrentExecutions", {"Ref": "AWS::NoValue"}))
            if value not in (None, NO_VALUE):
                out[name] = int(value)
    return out


def table_identity(template):
    """What replaces a DynamoDB table, or fails an update, when it changes: per table, its logical id with its name,
    key schema and each index's key schema."""
    out = {}
    for name, resource in template["Resources"].items():
        if resource["Type"] == "AWS::DynamoDB::Table":
            p = resource["Properties"]
            out[name] = {"TableName": p.get("TableName"), "KeySchema": p["KeySchema"],
                         "Indexes": {i["IndexName"]: i["KeySchema"] for i in p.get("GlobalSecondaryIndexes", [])},
                         "DeletionPolicy": resource.get("DeletionPolicy"),
                         "UpdateReplacePolicy": resource.get("UpdateReplacePolicy")}
    return out
