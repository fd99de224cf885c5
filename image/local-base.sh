#!/usr/bin/env bash
# Builds a base image for the microsim image without any registry: a jlink'd Java runtime of this
# machine's JDK plus the glibc libraries it links, as a `docker save` tarball that Jib takes as
# `tar://` base (docs/kubernetes.md, "The image"). Usage: image/local-base.sh OUT.tar
set -euo pipefail
out=$(realpath -m "${1:?usage: image/local-base.sh OUT.tar}")
jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
# The modules the CLI, Vert.x, Netty, fabric8, Gatling/Scala, Quarkus and Jackson use (no AWT/X11).
# --generate-cds-archive: the runtime's own default CDS archive, which the image's AppCDS archive
# (image/add-appcds.sh, a dynamic archive) is layered on; without it the JVM cannot dump one.
"$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,java.scripting,java.compiler,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,java.instrument,jdk.management,java.security.jgss,jdk.naming.dns \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$root/opt/java"
libs=$( (ldd "$root/opt/java/bin/java"; ldd "$root/opt/java/lib/server/libjvm.so"; for f in "$root"/opt/java/lib/*.so; do ldd "$f"; done) 2>/dev/null \
  | grep -o '/[^ ]*\.so[^ ]*' | grep -v "^$root" | sort -u)
for l in $libs; do mkdir -p "$root$(dirname "$l")"; cp -L "$l" "$root$l"; done
mkdir -p "$root/etc" "$root/tmp" && chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$root/etc/group"
echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
python3 - "$out" "$root" <<'PY'
import hashlib, io, json, os, sys, tarfile
out, root = sys.argv[1], sys.argv[2]
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w") as t:
    for d, dirs, files in os.walk(root):
        dirs.sort(); files.sort()
        for n in dirs + files:
            full = os.path.join(d, n)
            t.add(full, arcname=os.path.relpath(full, root), recursive=False)
data = layer.getvalue()
diff = hashlib.sha256(data).hexdigest()
config = {"architecture": "amd64", "os": "linux",
          "config": {"Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LD_LIBRARY_PATH=/opt/java/lib"]},
          "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff]},
          "history": [{"created_by": "image/local-base.sh: jlink runtime + glibc"}]}
cfg = json.dumps(config).encode()
cfg_name = hashlib.sha256(cfg).hexdigest() + ".json"
manifest = [{"Config": cfg_name, "RepoTags": ["microsim-base:local"], "Layers": [diff + "/layer.tar"]}]
with tarfile.open(out, "w") as t:
    for name, body in ((cfg_name, cfg), (diff + "/layer.tar", data), ("manifest.json", json.dumps(manifest).encode())):
        ti = tarfile.TarInfo(name); ti.size = len(body); t.addfile(ti, io.BytesIO(body))
print(f"{out}: base image microsim-base:local, {len(data) >> 20} MiB")
PY
