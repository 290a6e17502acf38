"""Four runaway queries at once neither lock /sparql out nor keep burning CPU after their
deadline: the longest-running is stopped to make room for a new query, and a query past
its timeout has its worker killed."""

from __future__ import annotations

import os
import threading
import time

import pytest

from webapp import create_app

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } "
POINT = "SELECT ?p ?o WHERE { <https://w3id.org/remediate/id/technique/soil-vapour-extraction> ?p ?o }"


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: SIM115
        except OSError:
            continue  # gone: killed workers use no CPU
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def worker_pids() -> list[int]:
    me = os.getpid()
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()  # noqa: SIM115
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                pids.append(int(entry))
    return pids


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads CPU time from /proc")
def test_four_runaways_leave_the_endpoint_answering_and_the_cpu_idle_after_their_timeout():
    timeout = 4.0
    app = create_app({"TESTING": True, "SPARQL_TIMEOUT_S": timeout, "SPARQL_MAX_CONCURRENT": 4})
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": POINT}).status_code == 200  # workers up
    statuses: list[int] = []

    def runaway() -> None:
        statuses.append(app.test_client().get("/sparql", query_string={"query": RUNAWAY}).status_code)

    threads = [threading.Thread(target=runaway) for _ in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(1.5)  # all four are running now
    asked = time.monotonic()
    answer = client.get("/sparql", query_string={"query": POINT})
    waited = time.monotonic() - asked
    print(f"\npoint lookup behind four runaway queries: {waited:.2f} s")
    assert answer.status_code == 200
    assert waited < 2.0, f"a point lookup waited {waited:.2f} s behind four runaway queries"
    for thread in threads:
        thread.join()
    assert all(s == 503 for s in statuses)
    deadline_passed = started + timeout
    time.sleep(max(0.0, deadline_passed + 2.0 - time.monotonic()))
    pids = worker_pids()
    before = cpu_seconds(pids)
    time.sleep(1.0)
    used = cpu_seconds(pids) - before
    print(f"worker CPU in the second after timeout + 2 s: {used:.2f} s")
    assert used < 0.3, "a worker kept computing after its query's timeout"
