#!/usr/bin/env bash
# Runs an image tarball (Jib's target/jib-image.tar) on a machine without a container engine:
# unpacks its layers into a directory and runs its entrypoint there with chroot (as root), with
# the image's environment and user. Usage: image/try-image.sh IMAGE.tar [ARGS...]
set -euo pipefail
tarball=$(realpath "${1:?usage: image/try-image.sh IMAGE.tar [ARGS...]}"); shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/x" "$work/root"
tar -xf "$tarball" -C "$work/x"
python3 - "$work/x" "$work/root" "$work/run.sh" "$@" <<'PY'
import json, os, shlex, subprocess, sys, tarfile
x, root, script, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
manifest = json.load(open(os.path.join(x, "manifest.json")))[0]
for layer in manifest["Layers"]:
    path = os.path.join(x, layer)
    with tarfile.open(path) as t:  # gzip or plain
        t.extractall(root)
cfg = json.load(open(os.path.join(x, manifest["Config"])))["config"]
cmd = (cfg.get("Entrypoint") or []) + (args or cfg.get("Cmd") or [])
env = " ".join(shlex.quote(e) for e in cfg.get("Env", []))
user = cfg.get("User", "0") or "0"
workdir = cfg.get("WorkingDir", "/")
with open(script, "w") as f:
    # chroot starts in the new root's /; an image's WorkingDir other than / is not honoured.
    f.write(f"exec env -i {env} $(command -v chroot) --userspec={shlex.quote(user if ':' in user else user + ':' + user)} {shlex.quote(root)} {' '.join(shlex.quote(c) for c in cmd)}\n")
print("image entrypoint:", cmd, "user", user, file=sys.stderr)
PY
PATH="$PATH:/usr/sbin:/sbin" bash "$work/run.sh"
