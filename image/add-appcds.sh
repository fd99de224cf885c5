#!/usr/bin/env bash
# Adds an AppCDS archive to a microsim image tarball (Jib's image/target/jib-image.tar): unpacks the
# image's layers, runs one training pod IN them (chroot, as the image's user, with the image's own
# java and jars: `serve` of a one-service scenario until its readiness probe answers, a few hundred
# requests, then SIGTERM) with -XX:ArchiveClassesAtExit, and writes a new tarball with the archive as
# one more layer (/deployments/app-cds.jsa) and -XX:SharedArchiveFile in the entrypoint.
#
# Why here and not at build time (Quarkus's quarkus.package.jar.appcds.* or a dump by the build's
# JDK): a CDS archive is valid only for the exact JVM and the exact jar files (path, size, mtime) it
# was dumped with. The image's JVM is the base image's, not the build machine's, and Jib stamps every
# file it adds with a fixed mtime, so only a dump inside the image's own files matches what a pod
# runs. Quarkus's own generation run also starts quarkus-run.jar without arguments, which ServeMain
# hands to the plain CLI, so its archive would hold the CLI's classes rather than a pod's.
# A pod whose JVM rejects the archive (another base image) says so on stderr and starts without it.
#
# Needs root (chroot) and python3. Usage: image/add-appcds.sh IN.tar OUT.tar
set -euo pipefail
in=$(realpath "${1:?usage: image/add-appcds.sh IN.tar OUT.tar}")
out=$(realpath -m "${2:?usage: image/add-appcds.sh IN.tar OUT.tar}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PATH="$PATH:/usr/sbin:/sbin" python3 - "$in" "$out" "$work" <<'PY'
import gzip, hashlib, io, json, os, re, shutil, signal, subprocess, sys, tarfile, time, urllib.request

src, out, work = sys.argv[1:4]
x, root = os.path.join(work, "x"), os.path.join(work, "root")
os.makedirs(x); os.makedirs(root)
with tarfile.open(src) as t:
    t.extractall(x)
manifest = json.load(open(os.path.join(x, "manifest.json")))
config = json.load(open(os.path.join(x, manifest[0]["Config"])))
for layer in manifest[0]["Layers"]:
    with tarfile.open(os.path.join(x, layer)) as t:  # keeps the files' mtimes, as a container runtime does
        t.extractall(root)
entry = config["config"]["Entrypoint"]
if any(a.startswith("-XX:SharedArchiveFile") for a in entry):
    sys.exit(f"{src}: the entrypoint already names an archive: {entry}")
jar = entry.index("-jar")
user = config["config"].get("User") or "0:0"
uid, gid = (int(v) for v in (user.split(":") + [user])[:2])

# The training pod: one service, one endpoint, its probes and a fault control read, as a real pod serves.
os.makedirs(os.path.join(root, "tmp"), exist_ok=True)
os.chmod(os.path.join(root, "tmp"), 0o1777)
with open(os.path.join(root, "tmp", "appcds-train.yaml"), "w") as f:
    f.write("version: 1\nname: appcds-train\nduration: 60s\nservices:\n  svc:\n    endpoints:\n"
            "      GET /x:\n        steps:\n          - io: 1ms\nload:\n  - {profile: constant, rate: 10/s, target: svc GET /x}\n")
dump = "/tmp/app-cds.jsa"
cmd = entry[:jar] + ["-XX:ArchiveClassesAtExit=" + dump] + entry[jar:] + [
    "serve", "--scenario", "/tmp/appcds-train.yaml", "--service", "svc", "--port", "0", "--control-port", "0"]
env = dict(e.split("=", 1) for e in config["config"].get("Env", []))
env["MICROSIM_CONTROL_TOKEN"] = "appcds-training-token-0123456789"
log = open(os.path.join(work, "train.log"), "w+")
pod = subprocess.Popen([shutil.which("chroot"), f"--userspec={uid}:{gid}", root] + cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
ready = None
deadline = time.time() + 120
while time.time() < deadline and pod.poll() is None and ready is None:
    time.sleep(0.1)
    log.seek(0)
    ready = re.search(r"service http://[^:]+:(\d+), control http://[^:]+:(\d+)", log.read())
if ready is None:
    pod.kill(); log.seek(0)
    sys.exit("the training pod never said it was ready:\n" + log.read())
service, control = ready.group(1), ready.group(2)
token = {"Authorization": "Bearer " + env["MICROSIM_CONTROL_TOKEN"]}
for path in ("/q/health/started", "/q/health/live", "/q/health/ready"):
    urllib.request.urlopen(f"http://127.0.0.1:{control}{path}", timeout=10).read()
urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{control}/effects", headers=token), timeout=10).read()
for _ in range(300):
    urllib.request.urlopen(f"http://127.0.0.1:{service}/x", timeout=10).read()
pod.send_signal(signal.SIGTERM)
pod.wait(60)
archive = os.path.join(root, dump.lstrip("/"))
if not os.path.exists(archive):
    log.seek(0)
    sys.exit("the training pod wrote no archive:\n" + log.read())

# The new layer (uncompressed: docker load and registries take either) and the image's new config.
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as t:
    info = t.gettarinfo(archive, arcname="deployments/app-cds.jsa")
    info.uid = info.gid = 0; info.uname = info.gname = ""; info.mode = 0o644; info.mtime = 1
    with open(archive, "rb") as f:
        t.addfile(info, f)
data = layer.getvalue()
digest = hashlib.sha256(data).hexdigest()
config["config"]["Entrypoint"] = entry[:jar] + ["-XX:SharedArchiveFile=/deployments/app-cds.jsa"] + entry[jar:]
config["rootfs"]["diff_ids"].append("sha256:" + digest)
config.setdefault("history", []).append({"created": "1970-01-01T00:00:01Z", "created_by": "image/add-appcds.sh: AppCDS archive of a training pod"})
cfg = json.dumps(config).encode()
cfg_name = hashlib.sha256(cfg).hexdigest() + ".json"
manifest[0]["Config"] = cfg_name
manifest[0]["Layers"].append(digest + ".tar")
with tarfile.open(out, "w") as t:
    def add(name, body):
        ti = tarfile.TarInfo(name); ti.size = len(body); t.addfile(ti, io.BytesIO(body))
    for l in manifest[0]["Layers"][:-1]:
        add(l, open(os.path.join(x, l), "rb").read())
    add(digest + ".tar", data)
    add(cfg_name, cfg)
    add("manifest.json", json.dumps(manifest).encode())
print(f"{out}: {src} + AppCDS archive of a training pod ({len(data) >> 20} MiB); entrypoint {config['config']['Entrypoint']}")
PY
