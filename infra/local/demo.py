#!/usr/bin/env python3
"""make demo: the late-November 2024 Aleppo offensive as sources reported it, through the local API.

Submits the reports through the submit function (:3001) as raw API Gateway events with JWT
claims, runs one aggregation (:3003), reads the reconciled figures from the lookup function
(:3002) and prints them as a table. Needs `make run` in another terminal. Standard library only.
"""
import json
import os
import sys
import urllib.request

SUBMIT = os.environ.get("SUBMIT_URL", "http://localhost:3001")
LOOKUP = os.environ.get("LOOKUP_URL", "http://localhost:3002")
AGGREGATE = os.environ.get("AGGREGATE_URL", "http://localhost:3003")

# What reconciliation.md makes of REPORTS (see docs and the comments beside each report):
# (metric, group) -> (low, best, high, basis); territory -> (low, best, high).
EXPECTED = {
    # SOHR's 255 and UCDP's own range 240..300 (best 262): min of lows, lower median of bests,
    # max of highs (docs/figures.md, a source's own range; §2.5)
    ("killed", "all"): (240, 255, 300, "period_total"),
    ("killed", "civilians"): (24, 24, 27, "period_total"),
    ("killed", "combatants"): (211, 211, 211, "period_total"),
    ("injured", "civilians"): (12, 12, 12, "incidents"),
    ("displaced", "all"): (14000, 14000, 15200, "stock"),
    ("displaced", "children"): (6800, 6800, 6800, "stock"),
}
EXPECTED_TERRITORY = (45, 45, 50)


def post(url, payload):
    req = urllib.request.Request(url, data=json.dumps(payload, ensure_ascii=False).encode(),
                                 headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def event(method, path, body=None, sub=None, groups=None, query="", headers=None):
    h = {"content-type": "application/json"}
    h.update(headers or {})
    rc = {"requestId": "demo", "http": {"method": method, "path": path, "sourceIp": "127.0.0.1"}}
    if sub:
        rc["authorizer"] = {"jwt": {"claims": {"sub": sub, "cognito:groups": groups or "[reporter]"}}}
    e = {"version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": query,
         "headers": h, "requestContext": rc, "isBase64Encoded": False}
    if body is not None:
        e["body"] = json.dumps(body, ensure_ascii=False)
    return e


def call(base, method, path, body=None, sub=None, groups=None, query="", headers=None):
    reply = post(base + "/_lambda_", event(method, path, body, sub, groups, query, headers))
    return reply["statusCode"], json.loads(reply.get("body") or "null")


def src(kind, name, published, protected=False):
    return {"kind": kind, "name": name, "publishedAt": published, "protected": protected}


def place(admin2=None, name="Aleppo"):
    return {"country": "SYR", "admin1": "SY02", "admin2": admin2, "name": name,
            "precision": "admin2" if admin2 else "admin1"}


def fig(metric, group, value, qualifier="exact", text=None, low=None, high=None):
    f = {"metric": metric, "group": group, "value": value, "qualifier": qualifier}
    if low is not None:
        f["low"], f["high"] = low, high
    if text:
        f["text"] = text
    return f


HTS = [{"name": "Hayat Tahrir al-Sham", "type": "rebel_group", "side": "a"}]
SAA = [{"name": "Syrian Arab Air Force", "type": "state_forces", "side": "a"}]

REPORTS = [
    # A monitor's running totals for the governorate: the later cumulative total supersedes.
    ("monitor-1", {"scope": "period_total", "source": src("monitor", "Syrian Observatory for Human Rights", "2024-11-28T19:00:00Z"),
                   "period": {"start": "2024-11-27", "end": "2024-11-28"}, "place": place(), "eventType": "battles",
                   "subEventType": "non_state_actor_overtakes_territory", "actors": HTS,
                   "figures": [fig("killed", "all", 182, text="182 killed in two days of fighting")]}),
    ("monitor-1", {"scope": "period_total", "source": src("monitor", "Syrian Observatory for Human Rights", "2024-11-29T18:00:00Z"),
                   "period": {"start": "2024-11-27", "end": "2024-11-29"}, "place": place(), "eventType": "battles",
                   "subEventType": "non_state_actor_overtakes_territory", "actors": HTS,
                   "figures": [fig("killed", "all", 255, text="255 killed, mostly combatants"),
                               fig("killed", "combatants", 211), fig("killed", "civilians", 24)]}),
    # The UN: a civilian floor for the same three days.
    ("un-1", {"scope": "period_total", "source": src("un_agency", "OHCHR", "2024-11-30T10:00:00Z"),
              "period": {"start": "2024-11-27", "end": "2024-11-29"}, "place": place(), "eventType": "violence_against_civilians",
              "figures": [fig("killed", "civilians", 27, "at_least", "at least 27 civilians killed")]}),
    # A dataset that publishes a range (UCDP GED's low / best / high) for the same three days.
    ("import-1", {"scope": "period_total",
                  "source": src("monitor", "UCDP GED", "2024-11-30T12:00:00Z"),
                  "period": {"start": "2024-11-27", "end": "2024-11-29"}, "place": place(), "eventType": "battles",
                  "actors": HTS, "figures": [fig("killed", "all", 262, low=240, high=300,
                                                 text="best 262 (low 240, high 300)")]}),
    # Two incidents, each seen by two sources that disagree.
    ("monitor-2", {"scope": "incident", "incidentKey": "atarib-shelling-1128",
                   "source": src("monitor", "Syrian Network for Human Rights", "2024-11-28T22:00:00Z"),
                   "period": {"start": "2024-11-28", "end": "2024-11-28"}, "place": place("SY0203", "الأتارب"),
                   "eventType": "explosions_remote_violence", "subEventType": "shelling_artillery_missile_attack",
                   "actors": SAA, "figures": [fig("killed", "civilians", 7)], "language": "ar",
                   "summary": "قصف مدفعي على الأتارب"}),
    ("witness-1", {"scope": "incident", "incidentKey": "atarib-shelling-1128",
                   "source": src("witness", "Local witness network", "2024-11-28T15:00:00Z", protected=True),
                   "period": {"start": "2024-11-28", "end": "2024-11-28"}, "place": place("SY0203", "Atarib"),
                   "eventType": "explosions_remote_violence", "subEventType": "shelling_artillery_missile_attack",
                   "actors": SAA, "figures": [fig("killed", "civilians", 5), fig("injured", "civilians", 12)]}),
    ("monitor-2", {"scope": "incident", "source": src("monitor", "Syrian Network for Human Rights", "2024-11-29T21:00:00Z"),
                   "period": {"start": "2024-11-29", "end": "2024-11-29"}, "place": place("SY0200", "Aleppo city"),
                   "eventType": "explosions_remote_violence", "subEventType": "air_drone_strike",
                   "actors": SAA, "figures": [fig("killed", "civilians", 6)]}),
    ("media-1", {"scope": "incident", "source": src("media", "Enab Baladi", "2024-11-29T20:00:00Z"),
                 "period": {"start": "2024-11-29", "end": "2024-11-29"}, "place": place("SY0200", "Aleppo City"),
                 "eventType": "explosions_remote_violence", "subEventType": "air_drone_strike",
                 "actors": SAA, "figures": [fig("killed", "civilians", 4), fig("killed", "all", 4)]}),
    # Displacement is a stock: the latest OCHA count stands, IOM's is a second source.
    ("un-2", {"scope": "stock", "source": src("un_agency", "OCHA", "2024-11-28T12:00:00Z"),
              "period": {"start": "2024-11-28", "end": "2024-11-28"}, "place": place(), "eventType": "strategic_developments",
              "figures": [fig("displaced", "all", 8000, "approx")]}),
    ("un-2", {"scope": "stock", "source": src("un_agency", "OCHA", "2024-11-29T16:00:00Z"),
              "period": {"start": "2024-11-29", "end": "2024-11-29"}, "place": place(), "eventType": "strategic_developments",
              "figures": [fig("displaced", "all", 14000, "at_least", "more than 14,000 displaced"),
                          fig("displaced", "children", 6800, "approx", "nearly half of them children")]}),
    ("un-3", {"scope": "stock", "source": src("un_agency", "IOM DTM", "2024-11-29T19:00:00Z"),
              "period": {"start": "2024-11-29", "end": "2024-11-29"}, "place": place(), "eventType": "strategic_developments",
              "figures": [fig("displaced", "all", 15200)]}),
    # Territory: fifty villages changed hands, by one count; a newsroom counted fewer.
    ("monitor-1", {"scope": "territory_change", "source": src("monitor", "Syrian Observatory for Human Rights", "2024-11-29T18:30:00Z"),
                   "period": {"start": "2024-11-27", "end": "2024-11-29"}, "place": place(), "eventType": "battles",
                   "subEventType": "non_state_actor_overtakes_territory", "actors": HTS,
                   "territory": {"placesCount": 50, "qualifier": "at_least", "toActor": "Hayat Tahrir al-Sham",
                                 "fromActor": "Syrian Arab Army", "places": ["Khan al-Asal", "Urum al-Kubra", "Anjara"]}}),
    ("media-1", {"scope": "territory_change", "source": src("media", "Enab Baladi", "2024-11-29T12:00:00Z"),
                 "period": {"start": "2024-11-28", "end": "2024-11-29"}, "place": place(), "eventType": "battles",
                 "territory": {"placesCount": 45, "qualifier": "approx", "toActor": "Hayat Tahrir al-Sham"}}),
]


def main():
    ids = []
    for i, (who, report) in enumerate(REPORTS):
        status, body = call(SUBMIT, "POST", "/v1/reports", report, sub=who,
                            headers={"idempotency-key": f"demo-{i}"})
        if status != 201:
            sys.exit(f"report {i} was refused ({status}): {json.dumps(body)}")
        ids.append(body["id"])
    print(f"submitted {len(ids)} reports")
    run = post(AGGREGATE, {"version": "0", "detail-type": "Scheduled Event", "source": "aws.events", "detail": {}})
    print(f"aggregation: {run.get('partitionsRecomputed')} country-days recomputed, {run.get('reportsRead')} reports read")
    status, figures = call(LOOKUP, "GET", "/v1/figures", query="country=SYR&admin1=SY02&from=2024-11-27&to=2024-11-29")
    if status != 200:
        sys.exit(f"figures failed ({status}): {json.dumps(figures)}")
    short = {rid: f"r{n + 1}" for n, rid in enumerate(ids)}
    print()
    print("Aleppo governorate (SYR / SY02), 2024-11-27 .. 2024-11-29")
    print(f"{'metric':<10} {'group':<11} {'low':>7} {'best':>7} {'high':>7}  {'basis':<13} {'src':>3}  reports")
    for f in figures["figures"]:
        mark = "+" if f.get("atLeast") else " "
        print(f"{f['metric']:<10} {f['group']:<11} {f['low']:>6}{mark} {f['best']:>7} {f['high']:>7}  "
              f"{f['basis']:<13} {f['sources']:>3}  {' '.join(short.get(r, r) for r in f['reports'])}")
    t = figures.get("territory")
    if t:
        pc = t["placesChanged"]
        print(f"{'places':<10} {'changed':<11} {pc['low']:>7} {pc['best']:>7} {pc['high']:>7}  {'territory':<13} "
              f"{t.get('sources', ''):>3}  {' '.join(short.get(r, r) for r in t['reports'])}")
    ranges = [(short[rid], r["source"]["name"], f) for rid, (_, r) in zip(ids, REPORTS)
              for f in r.get("figures", []) if "low" in f]
    if ranges:
        print("\nsources' own ranges (low .. high, best):")
        for rid, name, f in ranges:
            print(f"  {rid:<4} {name:<20} {f['metric']}/{f['group']}: {f['low']} .. {f['high']}, best {f['value']}")
    print(f"\nasOf {figures['asOf']}, pending {figures['pending']}; '+' = the low is an 'at least' figure;"
          f" r1..r{len(ids)} = the reports in the order submitted")
    if "--check" in sys.argv:
        check(figures, ids)


def check(figures, ids):
    """End-to-end assertions: submit -> aggregate -> lookup give the figures the rules define."""
    got = {(f["metric"], f["group"]): (f["low"], f["best"], f["high"], f["basis"]) for f in figures["figures"]}
    failures = [f"{k}: expected {v}, got {got.get(k)}" for k, v in EXPECTED.items() if got.get(k) != v]
    for f in figures["figures"]:
        if not set(f["reports"]) <= set(ids) or not f["reports"]:
            failures.append(f"{f['metric']}/{f['group']} names reports that were not submitted: {f['reports']}")
    t = figures.get("territory") or {}
    pc = t.get("placesChanged", {})
    if (pc.get("low"), pc.get("best"), pc.get("high")) != EXPECTED_TERRITORY:
        failures.append(f"territory: expected {EXPECTED_TERRITORY}, got {pc}")
    if figures.get("pending") != 0 or not figures.get("asOf"):
        failures.append(f"after a run nothing is pending and asOf is set: {figures.get('pending')}, {figures.get('asOf')}")
    witness = next(i for i, (_, r) in enumerate(REPORTS) if r["source"].get("protected"))
    status, public = call(LOOKUP, "GET", f"/v1/reports/{ids[witness]}")
    if status != 200 or "name" in public.get("source", {}) or "submittedBy" in public:
        failures.append(f"the public view of a protected source's report is redacted: {status} {public}")
    total = len(EXPECTED) + 3
    print(f"e2e: {total - len(failures)} passed, {len(failures)} failed")
    for f in failures:
        print("  FAILED " + f)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
