#!/usr/bin/env python3
"""Prove each `sam build` artifact is complete: load it in a fresh JVM (its classes and lib/*.jar only) and invoke
its handler, configured as in Lambda (environment variables, SSM, DynamoDB), against local stand-ins:
moto for SSM and DynamoDB (one server, local/moto_server.py; the table created from template.yaml), a tiny Twilio
Calls API in the invoker. Run it with the project's Python (local/python-env), which has moto.
usage: invoke_built.py <java> [--benchmark]
With --benchmark it then runs the benchmark (.ci/bench/cold_start.py: cold starts paired with the floor program, the
first request after priming, warm fan-out at 1/20/50 callees; numbers for docs/benchmarks.md)."""
import base64, hashlib, hmac, json, os, shutil, socket, subprocess, sys, tempfile, urllib.parse

import boto3
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAVA = sys.argv[1]
BENCHMARK = "--benchmark" in sys.argv[2:]
PATH = "/alertbridge"  # the template's default ParameterPath: the IAM run's policies are resolved for it
# under the deploy rehearsal (ALERTBRIDGE_IAM_POLICIES set) moto enforces IAM and each function invokes with its own
# user's key (local/iam_rehearsal.py); the names are those the policies were resolved for (.ci/rehearsal/iam_policies.py)
TABLE = "alertbridge-local-incidents"
IAM_POLICIES = os.environ.get("ALERTBRIDGE_IAM_POLICIES")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Tags(yaml.SafeLoader):
    pass


Tags.add_multi_constructor("!", lambda loader, suffix, node: None)


def table_definition():
    with open(os.path.join(ROOT, "template.yaml")) as f:
        template = yaml.load(f, Loader=Tags)
    tables = [r for r in template["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert len(tables) == 1, "expected exactly one table in template.yaml"
    p = tables[0]["Properties"]
    definition = dict(AttributeDefinitions=p["AttributeDefinitions"], KeySchema=p["KeySchema"], BillingMode=p["BillingMode"])
    if p.get("GlobalSecondaryIndexes"):
        definition["GlobalSecondaryIndexes"] = p["GlobalSecondaryIndexes"]
    return definition


def main():
    twilio_port = free_port()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_REGION="us-east-1",
               AWS_DEFAULT_REGION="us-east-1")
    keys_file = None
    if IAM_POLICIES:
        keys_file = tempfile.mktemp(prefix="alertbridge-iam-keys-")
        env.update(ALERTBRIDGE_IAM_KEYS=keys_file)
    procs, cleanup = [], []
    try:
        # moto stops by itself when its standard input closes (here, or if this script dies)
        moto = subprocess.Popen([sys.executable, os.path.join(ROOT, "local", "moto_server.py")], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        procs.append(moto)
        moto_url = moto.stdout.readline().strip()
        if not moto_url.startswith("http://"):
            raise SystemExit("moto did not start (local/moto_server.py)")
        function_keys = json.load(open(keys_file)) if keys_file else {}

        ssm = boto3.client("ssm", endpoint_url=moto_url, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
        for name, value, kind in [("twilio/account-sid", "AC" + "0" * 32, "String"),
                                  ("twilio/auth-token", "sample-twilio-auth-token", "SecureString"),
                                  ("twilio/caller-number", "+15005550006", "String"),
                                  ("alert-tokens", "sample-alert-token", "SecureString"),
                                  ("teams/oncall", "+818012345611,+818012345612", "String"),
                                  ("events/signing-secret", "sample-signing-secret", "SecureString"),
                                  # the event's destination: a path the Twilio stand-in does not serve (404, a refusal)
                                  ("events/receiver", f"http://127.0.0.1:{twilio_port}/ci-event-receiver", "SecureString")]:
            ssm.put_parameter(Name=f"{PATH}/{name}", Value=value, Type=kind, Overwrite=True)
        ddb = boto3.client("dynamodb", endpoint_url=moto_url, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
        ddb.create_table(TableName=TABLE, **table_definition())
        ddb.put_item(TableName=TABLE, Item={
            "pk": {"S": "INCIDENT#SampleIncident00000001"}, "sk": {"S": "META"}, "type": {"S": "incident"},
            "incidentId": {"S": "SampleIncident00000001"}, "message": {"S": "Database primary is down"}, "listPk": {"S": "INCIDENTS"},
            "createdAt": {"S": "2026-11-23T03:00:00Z"}, "status": {"S": "open"}, "calleeCount": {"N": "1"},
            "conference": {"S": "alertbridge-SampleIncident00000001"}, "expiresAt": {"N": "1803178800"},
            "round": {"N": "1"}, "dialledRound": {"N": "1"}})
        # the call the join-* events answer: /join_conference accepts only calls placed for the incident
        ddb.put_item(TableName=TABLE, Item={
            "pk": {"S": "INCIDENT#SampleIncident00000001"}, "sk": {"S": "CALLEE#+818012345601"}, "type": {"S": "call"},
            "to": {"S": "+818012345601"}, "callSid": {"S": "CA" + "1" * 32}, "callStatus": {"S": "queued"},
            "placedAt": {"S": "2026-11-23T03:00:01Z"}, "expiresAt": {"N": "1803178800"}})

        sqs = boto3.client("sqs", endpoint_url=moto_url, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
        rounds_queue = sqs.create_queue(QueueName="alertbridge-local-RoundsQueue")["QueueUrl"]
        function_env = dict(env, TABLE_NAME=TABLE, AWS_ENDPOINT_URL_SSM=moto_url, AWS_ENDPOINT_URL_DYNAMODB=moto_url,
                            AWS_ENDPOINT_URL_SQS=moto_url, ROUNDS_QUEUE_URL=rounds_queue,
                            TWILIO_ACCOUNT_SID_PARAM=f"{PATH}/twilio/account-sid",
                            TWILIO_AUTH_TOKEN_PARAM=f"{PATH}/twilio/auth-token",
                            TWILIO_CALLER_NUMBER_PARAM=f"{PATH}/twilio/caller-number",
                            ALERT_TOKENS_PARAM=f"{PATH}/alert-tokens",
                            TEAMS_PARAM_PATH=f"{PATH}/teams",
                            EVENTS_PARAM_PATH=f"{PATH}/events",
                            TWILIO_API_BASE_URL=f"http://127.0.0.1:{twilio_port}")
        # the topic, rounds, check detector and handoff ticker functions have no request to learn the API's URL from:
        # the template gives them PUBLIC_BASE_URL
        topic_env = dict(TOPIC_TEAMS="oncall", PUBLIC_BASE_URL="https://abc123.execute-api.us-east-1.amazonaws.com/Prod")
        events_dir = tempfile.mkdtemp(prefix="alertbridge-events-")
        cleanup.append(lambda: shutil.rmtree(events_dir, ignore_errors=True))
        generated = generated_events(events_dir)
        cases = [("AlertFunction", "alertbridge.handler.AlertHandler", "events/alert-form.json", 202, '"callSid":"CA'),
                 ("AlertTopicFunction", "alertbridge.handler.AlertTopicHandler", "events/payloads/cloudwatch-sns-event.json",
                  None, "opened "),
                 ("AlertTopicFunction", "alertbridge.handler.AlertTopicHandler", "events/payloads/cloudwatch-sns-event.json",
                  None, "deduplicated "),
                 ("JoinConferenceFunction", "alertbridge.handler.JoinConferenceHandler", "events/join-keypress.json", 200,
                  "<Conference"),
                 ("JoinConferenceFunction", "alertbridge.handler.JoinConferenceHandler", "events/join-forged.json", 403,
                  "invalid_signature"),
                 ("CallEventsFunction", "alertbridge.handler.CallEventsHandler", "events/call-status-completed.json", 200,
                  "<Response/>"),
                 ("CallEventsFunction", "alertbridge.handler.CallEventsHandler", "events/conference-participant-join.json", 200,
                  "<Response/>"),
                 ("IncidentsFunction", "alertbridge.handler.IncidentsHandler", "events/incidents-get.json", 200,
                  '"onBridge":1'),
                 ("IncidentsFunction", "alertbridge.handler.IncidentsHandler", "events/incidents-list.json", 200,
                  '"incidentId":"SampleIncident00000001"'),
                 # round 1's deadline: the callee who pressed a key above is on the bridge, so no new round
                 ("RoundsFunction", "alertbridge.handler.RoundsHandler", "events/rounds-step.json", None,
                  '{"batchItemFailures": []}'),
                 # made here (no events/ sample): a roster member dials in (libphonenumber, the call-in TwiML), and a
                 # write the table could not take, written now by the records function
                 ("JoinConferenceFunction", "alertbridge.handler.JoinConferenceHandler", generated["call-in"], 200,
                  "<Response>"),
                 ("RecordsFunction", "alertbridge.handler.RecordsHandler", generated["records"], None,
                  '{"batchItemFailures": []}'),
                 # check-ins: made (cron-utils, the table), a ping with a key nobody has, the detector's minute
                 ("ChecksFunction", "alertbridge.handler.ChecksHandler", "events/checks-put.json", 201, '"pingUrl"'),
                 ("ChecksFunction", "alertbridge.handler.ChecksHandler", "events/ping-unknown-key.json", 404,
                  "unknown_ping_key"),
                 ("CheckDetectorFunction", "alertbridge.handler.CheckDetectorHandler", "events/check-detector.json", None,
                  '{"due": 0, "eventsRequeued": 0, "paged": 0}'),
                 # on-call schedules: a team without a schedule (the table, the token), and the handoff ticker's minute
                 ("SchedulesFunction", "alertbridge.handler.SchedulesHandler", "events/schedules-oncall.json", 404,
                  "unknown_schedule"),
                 ("HandoffTickerFunction", "alertbridge.handler.HandoffTickerHandler", "events/handoff-ticker.json", None,
                  '{"sent": 0'),
                 # the timeline read, the secret and the URL from SSM, the signed post: a 404 is a refusal, not retried
                 ("EventsFunction", "alertbridge.handler.EventsHandler", "events/events-delivery.json", None,
                  '{"batchItemFailures": []}')]
        def invoke(function, handler, event, repeat=1, twilio_delay_ms=0, without=()):
            run_env = dict(function_env, **topic_env) if function in ("AlertTopicFunction", "RoundsFunction", "CheckDetectorFunction", "HandoffTickerFunction") else function_env
            run_env = {k: v for k, v in run_env.items() if k not in without}
            if function in function_keys:  # its IAM user's key: every call judged against exactly its policies
                run_env.update(AWS_ACCESS_KEY_ID=function_keys[function]["accessKeyId"],
                               AWS_SECRET_ACCESS_KEY=function_keys[function]["secretAccessKey"])
            run_env["PRIME"] = "1"  # SnapStart's hooks first, as Lambda runs them: priming must work with this function's jars
            build = os.path.join(ROOT, ".aws-sam", "build", function)
            cp = os.pathsep.join([build, os.path.join(build, "lib", "*")])
            run = subprocess.run([JAVA, "-cp", cp, os.path.join(ROOT, ".ci", "InvokeBuiltFunction.java"), handler,
                                  event, str(twilio_port), str(repeat), str(twilio_delay_ms)],
                                 capture_output=True, text=True, env=run_env, timeout=300, cwd="/")
            line = next((l for l in run.stdout.splitlines() if l.startswith("RESPONSE ")), None)
            timing = next((l for l in run.stdout.splitlines() if l.startswith("TIMING ")), "")
            return run, (json.loads(line[len("RESPONSE "):]) if line else {}), timing

        failures = 0
        for function, handler, event, status, expect in cases:
            run, response, _ = invoke(function, handler, os.path.join(ROOT, event))
            if isinstance(response, dict) and "statusCode" in response:  # an API Gateway response
                answer, body = f"HTTP {response.get('statusCode')}", response.get("body") or ""
                ok = run.returncode == 0 and response.get("statusCode") == status and expect in body
            else:  # the topic function's result (what it did with the message), or an SQS batch response
                answer, body = "result", json.dumps(response) if isinstance(response, dict) else str(response)
                ok = run.returncode == 0 and body.startswith(expect)
            primed = [l for l in run.stdout.splitlines() if '"event":"snapstart_primed"' in l]
            if not primed or '"level":"INFO"' not in primed[0]:
                ok, body = False, f"priming failed (a step missing a class this function does not ship?): {primed} {body}"
            failures += 0 if ok else 1
            print(f"{'ok  ' if ok else 'FAIL'} {function} {event}: {answer} {body[:160]}")
            if not ok:
                print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
        joins = ddb.query(TableName=TABLE, KeyConditionExpression="pk = :pk AND begins_with(sk, :j)",
                          ExpressionAttributeValues={":pk": {"S": "INCIDENT#SampleIncident00000001"}, ":j": {"S": "JOIN#"}})
        if joins["Count"] != 1:
            failures += 1
            print(f"FAIL expected 1 recorded join in the table, found {joins['Count']}")
        deferred = ddb.get_item(TableName=TABLE, Key={"pk": {"S": "INCIDENT#SampleIncident00000001"},
                                                            "sk": {"S": "NOTE#ci-deferred"}})
        if "Item" not in deferred:
            failures += 1
            print("FAIL the records function did not write its deferred item")
        print(f"artifacts: {len(cases) + 2 - failures} passed, {failures} failed")
        if BENCHMARK and not failures:
            # 21 alerts to the same numbers per row: the hourly per-number limit would refuse them after 6 and the
            # rows would time refusals, not fan-outs
            function_env["MAX_CALLS_PER_NUMBER_PER_HOUR"] = "1000"
            sys.path.insert(0, os.path.join(ROOT, ".ci", "bench"))
            import cold_start
            cold_start.run(JAVA, function_env, topic_env, generated)
        return 1 if failures else 0
    finally:
        for undo in cleanup:
            undo()
        for p in procs:
            p.stdin.close()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


def generated_events(directory):
    """Events no events/ sample covers: a signed POST /call_in from a roster member, and a records-queue message."""
    with open(os.path.join(ROOT, "events", "join-keypress.json")) as f:
        call_in = json.load(f)
    params = {"AccountSid": "AC" + "0" * 32, "CallSid": "CA" + "2" * 32, "CallStatus": "ringing", "Direction": "inbound",
              "From": "+818012345611", "To": "+15005550006"}
    call_in.update(resource="/call_in", path="/call_in", queryStringParameters=None, multiValueQueryStringParameters=None,
                   body=urllib.parse.urlencode(params))
    call_in["requestContext"].update(resourcePath="/call_in", path="/Prod/call_in")
    url = f"https://{call_in['requestContext']['domainName']}/Prod/call_in"
    data = url + "".join(k + params[k] for k in sorted(params))
    signature = base64.b64encode(hmac.new(b"sample-twilio-auth-token", data.encode(), hashlib.sha1).digest()).decode()
    call_in["headers"]["X-Twilio-Signature"] = signature
    call_in["multiValueHeaders"]["X-Twilio-Signature"] = [signature]
    with open(os.path.join(ROOT, "events", "rounds-step.json")) as f:
        records = json.load(f)
    records["Records"][0]["body"] = json.dumps({"item": {
        "pk": {"S": "INCIDENT#SampleIncident00000001"}, "sk": {"S": "NOTE#ci-deferred"}, "type": {"S": "note"},
        "expiresAt": {"N": "1803178800"}}, "ifAbsent": True})
    paths = {}
    for name, event in (("call-in", call_in), ("records", records)):
        paths[name] = os.path.join(directory, name + ".json")
        with open(paths[name], "w") as f:
            json.dump(event, f)
    return paths


if __name__ == "__main__":
    sys.exit(main())
