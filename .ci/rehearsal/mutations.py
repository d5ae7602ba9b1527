"""Proof that the deploy rehearsal can fail: each mutation of a copy of template.yaml must give the finding named.

usage: mutations.py <recorded IAM log>   (run by .ci/deploy-rehearsal after its IAM run; exits 1 if a mutation passes)
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CALL_IN_ROSTERS = "            - Effect: Allow             # /call_in: every roster; authorised against the path asked for, not each parameter\n"
CHECKS_HANDLER = "      Handler: alertbridge.handler.ChecksHandler::handleRequest\n"
API_URL = ("      Environment:\n        Variables:\n          PUBLIC_BASE_URL: !Sub "
           "https://${AlertApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${AlertApi.Stage}\n")
# (what is done, text to find, its replacement, the finding expected, rehearse.py's extra arguments)
MUTATIONS = [
    ("an action removed from a policy (AlertFunctionsPolicy's BatchWriteItem)",
     "              - dynamodb:BatchWriteItem   # the calls placed, recorded in batches of 25 (DialRecorder)\n", "",
     "iam: AlertFunction is denied dynamodb:BatchWriteItem", ["--iam-only"]),
    ("an action removed from a policy (CallEventsFunction's UpdateItem)",
     "                - dynamodb:UpdateItem   # the first join's time on the incident, claimed once (TimeToFirstJoin)\n",
     "", "iam: CallEventsFunction is denied dynamodb:UpdateItem", ["--iam-only"]),
    ("an action removed from a policy (JoinConferenceFunction's GetParametersByPath)",
     CALL_IN_ROSTERS + "              Action:\n                - ssm:GetParametersByPath\n",
     CALL_IN_ROSTERS + "              Action:\n", "iam: JoinConferenceFunction is denied ssm:GetParametersByPath",
     ["--iam-only"]),
    ("the API's URL in an API function's environment (ChecksFunction)",
     CHECKS_HANDLER, CHECKS_HANDLER + API_URL,
     "dependency cycle [defaults]: AlertApi -> ChecksFunctionAliaslive -> ChecksFunction", ["--defaults-only"]),
    ("the table given a name (CloudFormation would replace it, and its data)",
     "      BillingMode: PAY_PER_REQUEST\n", "      TableName: alertbridge-incidents\n      BillingMode: PAY_PER_REQUEST\n",
     "table: IncidentsTable's TableName changed", ["--defaults-only"]),
    ("an index renamed (one update cannot drop one index and add another)",
     "        - IndexName: byDueAt\n", "        - IndexName: byDueAtV2\n",
     "table: IncidentsTable adds or removes 2 indexes at once", ["--defaults-only"]),
    ("a reservation at the defaults (ReservedConcurrency 10)",
     "  ReservedConcurrency:\n    Type: Number\n    Default: 0\n", "  ReservedConcurrency:\n    Type: Number\n    Default: 10\n",
     "reservations: the defaults reserve ", ["--defaults-only"]),
]


def main():
    log = sys.argv[1]
    with open(os.path.join(ROOT, "template.yaml")) as f:
        original = f.read()
    failures = 0
    for what, find, replace, expected, extra in MUTATIONS:
        if original.count(find) != 1:
            print(f"FINDING mutation test: cannot apply '{what}': the text to change is not in template.yaml once")
            failures += 1
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as mutated:
            mutated.write(original.replace(find, replace))
        run = subprocess.run([sys.executable, os.path.join(ROOT, ".ci", "rehearsal", "rehearse.py"), "--quiet",
                              "--template", mutated.name, "--iam-log", log] + extra, capture_output=True, text=True)
        os.unlink(mutated.name)
        caught = run.returncode != 0 and expected in run.stdout
        failures += 0 if caught else 1
        print(f"{'ok  ' if caught else 'FINDING mutation test:'} {what}: "
              f"{'rehearsal fails with ' + repr(expected) if caught else 'the rehearsal did not fail as expected'}")
        if not caught:
            print(run.stdout[-2000:], run.stderr[-2000:])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
