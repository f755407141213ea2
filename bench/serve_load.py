"""A bounded load test of `traj serve` (issue 23): CLIENTS simultaneous pages,
each moving a ceiling slider once a second for SECONDS, against 127.0.0.1.
Stops by itself; prints the errors (any status but 200) and the latencies'
median and p95. Not a ctest: it holds the cores for SECONDS.
Usage: python3 bench/serve_load.py TRAJ [CLIENTS=20] [SECONDS=30] [MEMBERS=10000]"""
import statistics
import sys
import threading
import time

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/tests")
from serve_server import Server  # noqa: E402

traj = sys.argv[1]
clients = int(sys.argv[2]) if len(sys.argv) > 2 else 20
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 30
members = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
latencies, errors = [], []
lock = threading.Lock()


def client(server, number):
    end = time.monotonic() + seconds
    step = 0
    while time.monotonic() < end:
        started = time.monotonic()
        ceiling = 0.40 + 0.01 * ((number * 7 + step) % 50)  # a slider moving, mostly new values
        # Its own seed: no two clients share an answer, so that the cache does not flatter.
        body = {"portfolio": "ambitious", "members": members, "page": "client-%d" % number,
                "seed": number + 1,
                "set": ["portfolios.ambitious.overrides.deep-renovation.ceiling=%.2f" % ceiling]}
        status = server.request("POST", "/api/run", body, timeout=120)[0]
        elapsed = time.monotonic() - started
        with lock:
            (latencies if status == 200 else errors).append(elapsed if status == 200 else status)
        step += 1
        time.sleep(max(0.0, 1.0 - elapsed))


with Server(traj, "--members", str(members)) as server:
    threads = [threading.Thread(target=client, args=(server, n)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

latencies.sort()
p95 = latencies[max(0, int(0.95 * len(latencies)) - 1)] if latencies else float("nan")
print("%d clients, %.0f s, %d members: %d answers, %d errors %s; latency median %.3f s, p95 %.3f s"
      % (clients, seconds, members, len(latencies), len(errors), sorted(set(errors)),
         statistics.median(latencies) if latencies else float("nan"), p95))
sys.exit(1 if errors else 0)
