#!/usr/bin/env python3
"""Lays out a jar's native libraries as plain files, and rewrites the jar without them.

Usage: split-natives.py JAR DIR

Every shared library in JAR (a name ending in .so or .so.N, in any folder) is written to DIR under
its own file name, and JAR is rewritten without those entries and without C headers (include/...),
so that the app image holds each library once, as a file JavaCPP loads in place (issue 16; decision
0015). Two different libraries with one name are an error, never a silent overwrite.
"""
import os
import re
import sys
import zipfile

SHARED = re.compile(r"(^|/)lib[^/]+\.so(\.\d+)*$")


def main(jar, out):
    os.makedirs(out, exist_ok=True)
    moved = 0
    kept = []
    with zipfile.ZipFile(jar) as z:
        for info in z.infolist():
            name = info.filename
            if SHARED.search(name):
                data = z.read(info)
                target = os.path.join(out, os.path.basename(name))
                if os.path.exists(target):
                    with open(target, "rb") as f:
                        if f.read() != data:
                            sys.exit(f"error: two different {os.path.basename(name)} (the second in {jar})")
                with open(target, "wb") as f:
                    f.write(data)
                os.chmod(target, 0o755)
                moved += len(data)
            elif "/include/" in name or name.endswith((".h", ".hpp")):
                continue
            else:
                kept.append((info, z.read(info)))
    tmp = jar + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in kept:
            z.writestr(info, data)
    os.replace(tmp, jar)
    print(f"{os.path.basename(jar)}: {moved / 1e6:.1f} MB of native libraries laid out in {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
