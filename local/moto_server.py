"""moto, the local AWS (DynamoDB, SSM, SQS, SNS), on a loopback port until its standard input closes.

Started by testkit's MotoServer (tests, ./local/run) and by .ci/invoke_built.py. Port 0 (the default) takes a free
port. Prints the endpoint (http://127.0.0.1:PORT) on one line once it accepts requests. It stops when its standard
input reaches end of file: when the process that started it closes the pipe, exits or is killed, so it never
outlives it.
"""
import logging
import os
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


def cheap_transactions():
    """TransactWriteItems without copying whole tables.

    moto 5.1.22 backs up a whole table (copy.deepcopy) once per item of a transaction, to roll back a cancelled one:
    a 50-item transaction on a table of a few thousand items took seconds, so our rate guard's one transaction per
    alert (RateCounters) timed out locally although DynamoDB answers it in milliseconds. Here only the items the
    transaction touches are saved, and put back (or deleted, if they did not exist) when it is cancelled. Requests are
    serialized (serialize_dynamodb), so nothing else changes those items meanwhile.
    """
    import copy
    from moto.dynamodb import models
    backend_class = models.DynamoDBBackend
    original = backend_class.transact_write_items

    class NoTableCopy:
        """What moto's module sees as `copy` during a transaction: tables are not copied (we keep the items)."""
        @staticmethod
        def deepcopy(value, memo=None):
            return value if isinstance(value, models.Table) else copy.deepcopy(value, memo)

        def __getattr__(self, name):
            return getattr(copy, name)

    def touched(backend, transact_items):
        saved = []
        for entry in transact_items:
            _, op = next(iter(entry.items()))
            name = op.get("TableName")
            if name not in backend.tables:
                continue
            table = backend.tables[name]
            if "Key" in op:
                key = op["Key"]
            else:
                attrs = op.get("Item", {})
                key = {table.hash_key_attr: attrs.get(table.hash_key_attr)}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs.get(table.range_key_attr)
            try:
                current = backend.get_item(name, key)
            except Exception:
                continue
            saved.append((name, key, copy.deepcopy(current.to_json()["Attributes"]) if current else None))
        return saved

    def transact_write_items(self, transact_items):
        saved = touched(self, transact_items)
        models.copy = NoTableCopy()
        try:
            return original(self, transact_items)
        except Exception:
            for name, key, attributes in saved:
                if attributes is None:
                    try:
                        self.delete_item(name, key)
                    except Exception:
                        pass
                else:
                    self.put_item(name, attributes)
            raise
        finally:
            models.copy = copy

    backend_class.transact_write_items = transact_write_items


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    serialize_dynamodb()
    cheap_transactions()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import iam_rehearsal  # IAM enforced and judged as AWS does, when the deploy rehearsal asks (ALERTBRIDGE_IAM_POLICIES)
    iam_rehearsal.install_from_environment()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    host, bound = server.get_host_and_port()
    print(f"http://{host}:{bound}", flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
