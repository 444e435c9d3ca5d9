"""moto_server with its DynamoDB writes serialised: the server every test talks to (MotoServer).

moto 5 answers requests on concurrent threads without isolating writes, and rolls a cancelled
TransactWriteItems back by restoring a copy of each whole table taken when the transaction began,
which also undoes every write other clients made in the meantime. DynamoDB isolates writes per
item, so with moto a test with concurrent writers (two imports of overlapping files at once) could
see another writer's committed progress vanish. Here every DynamoDB write runs under one lock, so a
rollback restores exactly the state its transaction began from. Everything else is moto's own.
Usage: python3 serial_moto.py -H 127.0.0.1 -p PORT
"""
import functools
import threading

from moto.dynamodb.models import DynamoDBBackend

_writes = threading.RLock()


def _serialised(write):
    @functools.wraps(write)
    def run(*args, **kwargs):
        with _writes:
            return write(*args, **kwargs)
    return run


for _name in ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item"):
    setattr(DynamoDBBackend, _name, _serialised(getattr(DynamoDBBackend, _name)))

if __name__ == "__main__":
    from moto.server import main
    main()
