"""The benchmark of issue 14, run by `.ci/invoke_built.py <java> --benchmark` once the built artifacts passed their
checks (that script starts moto with the table, the SSM parameters and the rounds queue, and hands over the
functions' environment). In one run, every process a fresh JVM loading a function exactly as `sam build` laid it out:

1. cold start, paired: in each of ROUNDS rounds (default 9; BENCH_ROUNDS) the floor program (ColdFloor.java: only
   the library work one alert needs) and each function's plain cold start (handler construction + first request),
   in alternating order; whole-process wall time from `java` start to the answer (the RESPONSE line). Reported:
   medians, and the median of each round's function/floor ratio.
2. the first request after priming (SnapStart's hooks, org.crac.Resource, called when the handler has them) against
   the median of the 20 warm requests that follow, per function (median of PRIME_RUNS processes, default 3).
3. warm fan-out of AlertFunction at 1, 20 and 50 callees, Twilio answering each create after 150 ms: median of 20
   warm requests after the first.
The Twilio stand-in for 1 and 2 runs in this script (so the measured JVMs do only their own work); for 3 in the
measured JVM (InvokeBuiltFunction's, as the artifact checks use it).
"""
import http.server, json, os, shutil, statistics, subprocess, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, ".aws-sam", "build")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))
PRIME_RUNS = int(os.environ.get("PRIME_RUNS", "3"))
FANOUT = [int(n) for n in os.environ.get("BENCH_FANOUT", "1,20,50").split(",")]
FANOUT_ONLY = os.environ.get("BENCH_FANOUT_ONLY") == "1"  # the warm fan-out rows alone
# extra JVM flags for every measured process, e.g. "-Xlog:class+load:file=/tmp/cl/%p.log" to see what a cold path loads
JVM_FLAGS = os.environ.get("BENCH_JVM_FLAGS", "").split()
# another `sam build` output (a copy of .aws-sam/build made before a change): each round also cold-starts every
# function from there, and the report gives each function's median ratio to it (what the change saved, paired)
BASELINE = os.environ.get("BENCH_BASELINE")
# BENCH_COLD_ONLY=1: the cold rounds only (no priming or fan-out part)


def cases(generated):
    """(function, handler class, event, needs PUBLIC_BASE_URL and TOPIC_TEAMS); the topic function is the alert
    module's second handler (the same jars and code as AlertFunction), so it is not timed separately."""
    e = lambda name: os.path.join(ROOT, "events", name)
    return [("AlertFunction", "alertbridge.handler.AlertHandler", e("alert-form.json"), False),
            ("JoinConferenceFunction", "alertbridge.handler.JoinConferenceHandler", e("join-keypress.json"), False),
            ("CallEventsFunction", "alertbridge.handler.CallEventsHandler", e("call-status-completed.json"), False),
            ("IncidentsFunction", "alertbridge.handler.IncidentsHandler", e("incidents-get.json"), False),
            ("RoundsFunction", "alertbridge.handler.RoundsHandler", e("rounds-step.json"), True),
            ("RecordsFunction", "alertbridge.handler.RecordsHandler", generated["records"], False)]


class TwilioStandIn(http.server.ThreadingHTTPServer):
    """Twilio's Calls API for the cold runs: 201 and a queued call for every request."""
    daemon_threads = True

    def __init__(self):
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = json.dumps({"sid": "CA" + "f" * 32, "status": "queued", "to": "+818012345601"}).encode()
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass
        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


def compile_harness(java):
    """InvokeBuiltFunction and ColdFloor compiled once (the source launcher would add javac to every cold start)."""
    javac = os.path.join(os.path.dirname(java), "javac")
    out = tempfile.mkdtemp(prefix="alertbridge-bench-")
    alert = os.path.join(BUILD, "AlertFunction")
    subprocess.run([javac, "-d", out, "-cp", os.pathsep.join([alert, os.path.join(alert, "lib", "*")]),
                    os.path.join(ROOT, ".ci", "InvokeBuiltFunction.java"), os.path.join(ROOT, ".ci", "bench", "ColdFloor.java")],
                   check=True)
    return out


def timed(command, env):
    """Wall time from process start to the RESPONSE line; (seconds, response line, TIMING line)."""
    command = command[:1] + JVM_FLAGS + command[1:]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd="/")
    answered, response, timing = None, None, ""
    for line in proc.stdout:
        if line.startswith("RESPONSE ") and answered is None:
            answered, response = time.perf_counter() - start, line[len("RESPONSE "):].strip()
        elif line.startswith("TIMING "):
            timing = line[len("TIMING "):].strip()
    err = proc.stderr.read()
    if proc.wait() != 0 or answered is None:
        raise RuntimeError(f"{command[-5:]} failed: {err[-2000:]}")
    return answered, response, timing


def run(java, function_env, topic_env, generated):
    harness = compile_harness(java)
    twilio = TwilioStandIn()
    try:
        base = dict(function_env, TWILIO_API_BASE_URL=f"http://127.0.0.1:{twilio.server_address[1]}")
        env_of = lambda topic: dict(base, **topic_env) if topic else dict(base)
        classpath = lambda function, build=BUILD: os.pathsep.join([harness, os.path.join(build, function),
                                                                   os.path.join(build, function, "lib", "*")])
        external = f"external:{twilio.server_address[1]}"
        function_cases = cases(generated)

        floor_cmd = [java, "-cp", classpath("AlertFunction"), "ColdFloor", os.path.join(ROOT, "events", "alert-form.json"),
                     str(twilio.server_address[1])]
        cold = {name: [] for name in ["floor"] + [c[0] for c in function_cases]}
        ratios = {c[0]: [] for c in function_cases}
        baseline = {c[0]: [] for c in function_cases}
        for r in range(0 if FANOUT_ONLY else ROUNDS):
            order = [None] + function_cases + ([("baseline",) + c for c in function_cases] if BASELINE else [])
            for case in (order if r % 2 == 0 else list(reversed(order))):
                if case is None:
                    cold["floor"].append(timed(floor_cmd, env_of(False))[0])
                elif case[0] == "baseline":
                    _, function, handler, event, topic = case
                    baseline[function].append(timed([java, "-cp", classpath(function, BASELINE), "InvokeBuiltFunction",
                                                     handler, event, external], env_of(topic))[0])
                else:
                    function, handler, event, topic = case
                    seconds, response, _ = timed([java, "-cp", classpath(function), "InvokeBuiltFunction", handler, event,
                                                  external], env_of(topic))
                    if function == "AlertFunction" and '\\"callSid\\":\\"CA' not in response:
                        raise RuntimeError(f"the cold alert placed no call: {response[:500]}")
                    cold[function].append(seconds)
            for function in ratios:
                ratios[function].append(cold[function][-1] / cold["floor"][-1])
        rows = []
        if not FANOUT_ONLY:
            floor = statistics.median(cold["floor"])
            rows = [f"cold start, fresh JVM, {ROUNDS} paired rounds (median; ratio = median of each round's function/floor):",
                    "| program | cold s (median) | min-max s | ratio to floor |", "|---|---|---|---|",
                    f"| floor (ColdFloor.java) | {floor:.2f} | {min(cold['floor']):.2f}-{max(cold['floor']):.2f} | 1.00 |"]
            for function, _, _, _ in function_cases:
                t = cold[function]
                rows.append(f"| {function} | {statistics.median(t):.2f} | {min(t):.2f}-{max(t):.2f} | "
                            f"{statistics.median(ratios[function]):.2f}x |")
            if BASELINE:
                rows += ["", f"against the baseline build {BASELINE} (same rounds; median of each round's ratio):",
                         "| function | baseline cold s | this build cold s | ratio |", "|---|---|---|---|"]
                for function, _, _, _ in function_cases:
                    paired = statistics.median(a / b for a, b in zip(cold[function], baseline[function]))
                    rows.append(f"| {function} | {statistics.median(baseline[function]):.2f} | "
                                f"{statistics.median(cold[function]):.2f} | {paired:.2f}x |")

        if os.environ.get("BENCH_COLD_ONLY") == "1":
            print("\n".join(["", "benchmark:"] + rows))
            return
        rows += [] if FANOUT_ONLY else ["", f"first request after priming vs warm (median of {PRIME_RUNS} processes; priming only when the handler "
                     "implements org.crac.Resource):", "| function | primed | init ms | prime ms | first ms | warm p50 ms | first/warm |",
                 "|---|---|---|---|---|---|---|"]
        for function, handler, event, topic in ([] if FANOUT_ONLY else function_cases):
            runs = []
            for _ in range(PRIME_RUNS):
                _, _, timing = timed([java, "-cp", classpath(function), "InvokeBuiltFunction", handler, event, external, "21"],
                                     dict(env_of(topic), PRIME="1"))
                runs.append(dict(kv.split("=") for kv in timing.split()))
            med = lambda key: statistics.median(float(t[key]) for t in runs)
            primed = "yes" if runs[0]["prime_ms"] not in ("NaN", "nan") else "no (no org.crac.Resource)"
            prime = f"{med('prime_ms'):.0f}" if primed == "yes" else "-"
            rows.append(f"| {function} | {primed} | {med('init_ms'):.0f} | {prime} | {med('first_ms'):.0f} | "
                        f"{med('warm_p50_ms'):.1f} | {med('first_ms') / med('warm_p50_ms'):.1f}x |")

        rows += ["", "warm fan-out, AlertFunction, Twilio answering each create after 150 ms (median of 20 warm requests):",
                 "| callees | placed | warm p50 ms | warm max ms | ratio to 1 callee |", "|---|---|---|---|---|"]
        with open(os.path.join(ROOT, "events", "alert-json.json")) as f:
            event = json.load(f)
        one = None
        for callees in FANOUT:
            event["body"] = json.dumps({"to": [f"+8180123456{10 + i}" for i in range(callees)], "message": "benchmark"})
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as tmp:
                json.dump(event, tmp)
            port = str(free_port())  # the measured JVM's own stand-in, which can delay its answers
            _, response, timing = timed([java, "-cp", classpath("AlertFunction"), "InvokeBuiltFunction",
                                         "alertbridge.handler.AlertHandler", tmp.name, port, "21", "150"],
                                        dict(env_of(False), MAX_CALLEES="50", TWILIO_API_BASE_URL=f"http://127.0.0.1:{port}"))
            os.unlink(tmp.name)
            placed = len(json.loads(json.loads(response).get("body", "{}")).get("calls", []))
            t = dict(kv.split("=") for kv in timing.split())
            p50 = float(t["warm_p50_ms"])
            one = one or p50
            rows.append(f"| {callees} | {placed} | {p50:.1f} | {float(t['warm_max_ms']):.1f} | {p50 / one:.2f}x |")
        rows += ["", "answer to first word in the Twilio simulator (FirstWordBenchmark: fetched at pick-up vs inline):"]
        rows += [first_word(java)]
        print("\n".join(["", "benchmark:"] + rows))
    finally:
        twilio.shutdown()
        shutil.rmtree(harness, ignore_errors=True)


def first_word(java):
    """The local module's FirstWordBenchmark (docs/benchmarks.md): its JSON summary. The local module and its class path
    are built first (Maven recompiles only what changed), so neither is stale."""
    local = os.path.join(ROOT, "local", "target")
    subprocess.run(["mvn", "-B", "-q", "-DskipTests", "-pl", "local", "-am", "package", "dependency:build-classpath",
                    "-Dmdep.outputFile=target/classpath.txt", "-Dmdep.includeScope=runtime"], cwd=ROOT, check=True)
    with open(os.path.join(local, "classpath.txt")) as f:
        cp = os.path.join(local, "classes") + os.pathsep + f.read().strip()
    run = subprocess.run([java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp, "alertbridge.local.FirstWordBenchmark",
                          "--runs", os.environ.get("FIRST_WORD_RUNS", "3"), "--calls", "21"],
                         capture_output=True, text=True, timeout=900, cwd=ROOT)
    out = run.stdout.splitlines()
    starts = [i for i, l in enumerate(out) if l == "{"]  # the summary, pretty-printed, is the last top-level object
    return "\n".join(out[starts[-1]:]) if starts else f"FirstWordBenchmark failed: {run.stderr[-500:]}"


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
