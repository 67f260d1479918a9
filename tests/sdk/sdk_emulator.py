"""The emulator NCP's official Python SDK is driven against: one `node emulator/cli.js` process for the whole test run.

One process, because the SDK reads `NCLOUD_API_GW` once, when the first `ncloud_vpc.Configuration()` is made: every
test module must talk to the gateway that was set then. `start()` is idempotent and every module calls it in its
`setUpModule`; the process stops when Python exits.
"""

import atexit
import json
import os
import pathlib
import re
import subprocess
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
DELAY_MS = 150  # the emulator's INIT -> RUN and TERMTING -> gone delays in these tests

accounts = {}  # name -> seed account (loginId, accessKey, secretKey, vpcs)
_state = {"process": None, "gateway": None}


def start():
    """Starts the emulator (once), points the SDK at it with NCLOUD_API_GW, and returns its origin."""
    if _state["gateway"] is not None:
        return _state["gateway"]
    seed_js = (ROOT / "emulator" / "seed.js").as_uri()
    seed = json.loads(
        subprocess.run(
            ["node", "--input-type=module", "-e", f"import {{ seed }} from '{seed_js}'; process.stdout.write(JSON.stringify(seed))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    accounts.update({a["name"]: a for a in seed["accounts"]})
    process = subprocess.Popen(
        ["node", str(ROOT / "emulator" / "cli.js"), "--host", "127.0.0.1", "--port", "0", "--quiet",
         "--run-delay-ms", str(DELAY_MS), "--delete-delay-ms", str(DELAY_MS)],
        stdout=subprocess.PIPE,
        text=True,
    )
    _state["process"] = process
    atexit.register(stop)
    for line in process.stdout:
        match = re.search(r"listening on (http://\S+)", line)
        if match:
            _state["gateway"] = match.group(1)
        if line.startswith("Press Ctrl+C"):
            break
    if _state["gateway"] is None:
        stop()
        raise RuntimeError("the emulator did not print its URL")
    # The way a user points the SDK at another gateway; it must be set before the first Configuration().
    os.environ["NCLOUD_API_GW"] = _state["gateway"]
    return _state["gateway"]


def stop():
    process = _state["process"]
    if process is not None and process.poll() is None:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def control(name, method="GET"):
    """The emulator's control API (`/__emulator/<name>`): test set-up and the request log, never the SDK's path."""
    req = urllib.request.Request(f"{_state['gateway']}/__emulator/{name}", method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.loads(res.read())


def sdk(name, secret_key=None):
    """A V2Api for a seeded account, configured as the SDK's README shows (access and secret key on the configuration)."""
    import ncloud_vpc
    from ncloud_vpc.api.v2_api import V2Api

    configuration = ncloud_vpc.Configuration()
    configuration.access_key = accounts[name]["accessKey"]
    configuration.secret_key = secret_key or accounts[name]["secretKey"]
    return V2Api(ncloud_vpc.ApiClient(configuration))


def pause():
    """A third of the emulator's delay: how long a poll loop sleeps between two reads."""
    time.sleep(DELAY_MS / 3000)
