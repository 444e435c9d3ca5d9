"""moto_server with two complexity fixes, for the aggregation-scaling benchmark only.

moto (5.x) makes every base-table Query scan and sort every item of the table, and every
TransactWriteItems deep-copy the whole table (once per item of the transaction) to be able to roll
back. Both are O(table size) per request, which DynamoDB is not, so at 100k reports moto's own cost
would swamp what the benchmark measures. Here:
  * a base-table Query reads only the partition of its hash key (same items, same order);
  * an index Query considers only the items whose index hash key matches (then moto filters and
    sorts them as before) instead of first sorting every item of the table;
  * a transaction snapshots only the items it touches and restores those if it is cancelled.
Semantics are otherwise moto's own. Usage: python3 fast_moto.py -H 127.0.0.1 -p PORT
"""
import copy
import threading

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table

_local = threading.local()

_orig_query = Table.query
_orig_all_items = Table.all_items


def _query(self, hash_key, *args, **kwargs):
    index_name = kwargs.get("index_name") if "index_name" in kwargs else (args[6] if len(args) > 6 else None)
    if index_name:
        index = {i.name: i for i in self.all_indexes()}.get(index_name)
        attr = None
        if index is not None:
            hashes = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
            attr = hashes[0] if len(hashes) == 1 else None
        if attr is None or hash_key is None:
            return _orig_query(self, hash_key, *args, **kwargs)
        _local.index_filter = (attr, hash_key)
        try:
            return _orig_query(self, hash_key, *args, **kwargs)
        finally:
            _local.index_filter = None
    if not self.range_key_attr:
        return _orig_query(self, hash_key, *args, **kwargs)
    _local.partition = hash_key
    try:
        return _orig_query(self, hash_key, *args, **kwargs)
    finally:
        _local.partition = None


def _all_items(self):
    index_filter = getattr(_local, "index_filter", None)
    if index_filter is not None:
        attr, value = index_filter
        parts = (p.values() if isinstance(p, dict) else [p] for p in self.items.values())
        return [item for part in parts for item in part
                if item.attrs.get(attr) is not None and item.attrs.get(attr) == value]
    key = getattr(_local, "partition", None)
    if key is None:
        return _orig_all_items(self)
    part = self.items.get(key, {})
    return sorted(part.values(), key=lambda x: (x.hash_key, x.range_key) if x.range_key else x.hash_key)


def _deepcopy(self, memo):
    if getattr(_local, "in_transaction", False):
        return self  # the transaction keeps its own per-item snapshot (below)
    cls = self.__class__
    new = cls.__new__(cls)
    memo[id(self)] = new
    for k, v in self.__dict__.items():
        setattr(new, k, copy.deepcopy(v, memo))
    return new


_orig_transact = DynamoDBBackend.transact_write_items


def _keys(table, op):
    attrs = op.get("Key") or op.get("Item") or {}
    h = attrs.get(table.hash_key_attr)
    r = attrs.get(table.range_key_attr) if table.range_key_attr else None
    if h is None:
        return None
    return DynamoType(h), (DynamoType(r) if r is not None else None)


def _transact(self, transact_items):
    snapshots = []
    for item in transact_items:
        _, op = next(iter(item.items()))
        table = self.tables.get(op.get("TableName"))
        if table is None:
            continue
        key = _keys(table, op)
        if key is None:
            continue
        h, r = key
        part = table.items.get(h)
        current = (part.get(r) if r is not None else part) if part is not None else None
        snapshots.append((table, h, r, copy.deepcopy(current)))
    _local.in_transaction = True
    try:
        return _orig_transact(self, transact_items)
    except Exception:
        for table, h, r, old in reversed(snapshots):
            if r is None:
                if old is None:
                    table.items.pop(h, None)
                else:
                    table.items[h] = old
            elif old is None:
                table.items.get(h, {}).pop(r, None)
                if h in table.items and not table.items[h]:
                    del table.items[h]
            else:
                table.items[h][r] = old
        raise
    finally:
        _local.in_transaction = False


Table.query = _query
Table.all_items = _all_items
Table.__deepcopy__ = _deepcopy
DynamoDBBackend.transact_write_items = _transact

if __name__ == "__main__":
    from moto.server import main
    main()
