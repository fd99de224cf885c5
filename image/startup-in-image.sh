#!/usr/bin/env bash
# Start-up of the image's pod, with and without its AppCDS archive, side by side: unpacks an image
# tarball (from image/add-appcds.sh) and launches its entrypoint `serve` of a one-service scenario
# under chroot as the image's user, ROUNDS times each way, interleaved (so the shared machine's load
# moves both alike), timing launch to a 200 from /q/health/ready. "without" is the same entrypoint
# minus -XX:SharedArchiveFile; "with" adds -Xshare:on, so a launch whose archive does not map fails
# instead of quietly starting without it. Needs root (chroot) and python3.
# Usage: image/startup-in-image.sh IMAGE.tar [ROUNDS]
set -euo pipefail
tarball=$(realpath "${1:?usage: image/startup-in-image.sh IMAGE.tar [ROUNDS]}")
rounds=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PATH="$PATH:/usr/sbin:/sbin" python3 - "$tarball" "$rounds" "$work" <<'PY'
import json, os, re, shutil, statistics, subprocess, sys, tarfile, time, urllib.request

src, rounds, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
x, root = os.path.join(work, "x"), os.path.join(work, "root")
os.makedirs(x); os.makedirs(root)
with tarfile.open(src) as t:
    t.extractall(x)
manifest = json.load(open(os.path.join(x, "manifest.json")))[0]
for layer in manifest["Layers"]:
    with tarfile.open(os.path.join(x, layer)) as t:
        t.extractall(root)
cfg = json.load(open(os.path.join(x, manifest["Config"])))["config"]
entry = cfg["Entrypoint"]
if not any(a.startswith("-XX:SharedArchiveFile=") for a in entry):
    sys.exit(f"{src}: no -XX:SharedArchiveFile in the entrypoint {entry}: add one with image/add-appcds.sh first")
variants = {"with AppCDS": [entry[0], "-Xshare:on"] + entry[1:],
            "without": [a for a in entry if not a.startswith("-XX:SharedArchiveFile=")]}
user = cfg.get("User") or "0:0"
os.makedirs(os.path.join(root, "tmp"), exist_ok=True)
os.chmod(os.path.join(root, "tmp"), 0o1777)
with open(os.path.join(root, "tmp", "startup.yaml"), "w") as f:
    f.write("version: 1\nname: startup\nduration: 60s\nservices:\n  svc:\n    endpoints:\n"
            "      GET /x:\n        steps:\n          - io: 1ms\nload:\n  - {profile: constant, rate: 10/s, target: svc GET /x}\n")
env = dict(e.split("=", 1) for e in cfg.get("Env", []))
env["MICROSIM_CONTROL_TOKEN"] = "startup-check-token-0123456789"
chroot = shutil.which("chroot")

def launch(cmd, name):
    log = open(os.path.join(work, name + ".log"), "w+")
    t0 = time.monotonic()
    p = subprocess.Popen([chroot, f"--userspec={user}", root] + cmd + ["serve", "--scenario", "/tmp/startup.yaml", "--service", "svc",
                         "--port", "0", "--control-port", "0"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        control = None
        while time.monotonic() - t0 < 120 and p.poll() is None:
            if control is None:
                log.seek(0)
                m = re.search(r"control http://[^:]+:(\d+)", log.read())
                control = m and m.group(1)
            if control:
                try:
                    if urllib.request.urlopen(f"http://127.0.0.1:{control}/q/health/ready", timeout=2).status == 200:
                        return (time.monotonic() - t0) * 1000
                except OSError:
                    pass
            time.sleep(0.01)
        log.seek(0)
        sys.exit(f"{name}: not ready:\n{log.read()}")
    finally:
        p.terminate()
        p.wait(30)

print("load average at start:", open("/proc/loadavg").read().strip())
ms = {v: [] for v in variants}
for r in range(rounds):
    for v, cmd in variants.items():
        ms[v].append(launch(cmd, f"{v.replace(' ', '-')}-{r}"))
    print(f"round {r + 1}: " + ", ".join(f"{v} {ms[v][-1]:.0f} ms" for v in variants))
for v, m in ms.items():
    print(f"launch to ready, {v:12s} median {statistics.median(m):6.0f} ms, min {min(m):6.0f}, max {max(m):6.0f}")
print("load average at end:", open("/proc/loadavg").read().strip())
PY
