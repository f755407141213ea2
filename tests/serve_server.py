"""A `traj serve` started for one test: on a free port (--port 0, the port
read from the address it prints), always stopped (SIGINT, then SIGKILL if it
does not stop within seconds), whatever the test does."""
import json
import re
import signal
import subprocess
import sys
import http.client


class Server:
    def __init__(self, traj, *arguments, environment=None):
        self.traj = traj
        self.process = subprocess.Popen(
            [traj, "serve", "--port", "0", *arguments],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not found:
            self.stop()
            raise AssertionError("traj serve printed no address: %r %r" % (line, self.process.stderr.read()))
        self.port = int(found.group(1))
        self.address = found.group(0)

    def request(self, method, path, body=None, headers=None, timeout=30):
        """(status, headers, parsed JSON or text) of one request."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent = {"Content-Type": "application/json"}
        sent.update(headers or {})
        data = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        kind = response.getheader("Content-Type", "")
        answer = json.loads(text) if kind.startswith("application/json") else text
        result = (response.status, dict(response.getheaders()), answer)
        connection.close()
        return result

    def download(self, path, body, headers=None, timeout=60):
        """(status, headers, body as bytes) of a POST whose answer is a file."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent = {"Content-Type": "application/json"}
        sent.update(headers or {})
        connection.request("POST", path, body=json.dumps(body), headers=sent)
        response = connection.getresponse()
        result = (response.status, dict(response.getheaders()), response.read())
        connection.close()
        return result

    def stop(self):
        """SIGINT, as Ctrl-C; the exit code (128 + 2 when it stopped cleanly)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.stop()


def cli_run_json(traj, arguments):
    """`traj run ... --json -q` parsed, without its wall-clock time."""
    output = subprocess.run([traj, "run", "--json", "-q", *arguments], check=True,
                            capture_output=True, text=True, timeout=60).stdout
    document = json.loads(output)
    document.pop("seconds")
    return document


def cli_error(traj, arguments):
    """The error text `traj run` prints on stderr, and its exit code."""
    finished = subprocess.run([traj, "run", "--json", "-q", *arguments], capture_output=True,
                              text=True, timeout=60)
    return finished.returncode, finished.stderr


def cli_compare_json(traj, arguments):
    """`traj compare ... --json -q` parsed (no wall-clock time in it)."""
    output = subprocess.run([traj, "compare", "--json", "-q", *arguments], check=True,
                            capture_output=True, text=True, timeout=120).stdout
    return json.loads(output)


class Checks:
    """One test's checks: each failure printed as it happens, and counted at the
    end (`finish`), so that one run reports every failed check, not the first."""

    def __init__(self):
        self.failures = []

    def __call__(self, condition, what):
        if not condition:
            self.failures.append(what)
            print("FAILED:", what, file=sys.stderr)

    def finish(self, name):
        if self.failures:
            print("%d check(s) failed" % len(self.failures), file=sys.stderr)
            sys.exit(1)
        print(name + ": ok")


def chromium_options(window="1280,2400"):
    """Headless Chromium from Debian (chromium, chromium-driver), with nothing of
    its own on the network (no sync, no component updates)."""
    from selenium import webdriver
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=" + window):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return options


def chromium(options):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
