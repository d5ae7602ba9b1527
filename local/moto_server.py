"""moto, the local AWS (DynamoDB, SSM, SQS, SNS), on a loopback port until its standard input closes.

Started by testkit's MotoServer (tests, ./local/run) and by .ci/invoke_built.py. Port 0 (the default) takes a free
port. Prints the endpoint (http://127.0.0.1:PORT) on one line once it accepts requests. It stops when its standard
input reaches end of file: when the process that started it closes the pipe, exits or is killed, so it never
outlives it.
"""
import logging
import sys
import threading

from moto.dynamodb.responses import DynamoHandler
from moto.server import ThreadedMotoServer


def serialize_dynamodb():
    """One DynamoDB request at a time (SSM, SQS and SNS stay concurrent).

    DynamoDB applies a conditional write atomically: no other write to the item comes between the check and the
    write. moto 5.2.5 checks the condition and then writes without a lock, so on its threaded server two concurrent
    conditional writes can both pass (seen: 6 of 40 concurrent `calls < 5` updates allowed). Our tests must test our
    concurrency protocol, not moto's race, so DynamoDB requests are serialized here: each is applied atomically,
    as DynamoDB would apply it.
    """
    lock = threading.Lock()
    call_action = DynamoHandler.call_action

    def locked(self):
        with lock:
            return call_action(self)

    DynamoHandler.call_action = locked


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    serialize_dynamodb()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    host, bound = server.get_host_and_port()
    print(f"http://{host}:{bound}", flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
