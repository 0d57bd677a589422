#!/usr/bin/env bash
# `make package`: the Debian package of the desktop app and the command line, from a release
# build. Tauri's bundler makes the .deb (binaries, desktop entry, icons); this script gives it
# the files drawn from the repository (man pages, changelog, copyright, AppStream metainfo) and
# the dependencies that dpkg-shlibdeps reads off the two binaries.
#
#   scripts/package.sh            -> target/package/permanences_<version>_amd64.deb
#   scripts/package.sh previous   -> the same for version 0.1.0 (commit PREVIOUS below), built
#                                    from that commit's sources with today's packaging files:
#                                    the package upgrade test installs it, then the new one.
#
# A clean release build takes about 20 minutes on 2 cores (the previous version's has its own
# target folder, so a second one the first time). Run it alone: `flock /tmp/perm-cargo.lock`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

# Version 0.1.0: the last commit before the project was packaged (CHANGELOG: 0.1.0).
PREVIOUS_COMMIT=9253d9811cbfee2de22710c9fe2e426178894d61
PREVIOUS_VERSION=0.1.0

mode=${1:-current}
out=$root/target/package
mkdir -p "$out"

if [ "$mode" = previous ]; then
  version=$PREVIOUS_VERSION
  src=$out/$version/src
  export CARGO_TARGET_DIR=$out/$version/target
  if [ ! -f "$src/Cargo.toml" ]; then
    mkdir -p "$src"
    git archive "$PREVIOUS_COMMIT" | tar -x -C "$src"
  fi
  (cd "$src/ui" && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)
else
  version=$(python3 scripts/packaging.py version)
  src=$root
  export CARGO_TARGET_DIR=$root/target
  make --no-print-directory ui
fi

# 0.1.0: both binaries in one cargo call (one feature set, shared dependencies compiled once).
# Since 0.2.0 one binary serves both programs; `make footprint` builds the same one.
if [ "$mode" = previous ]; then
  (cd "$src" && cargo build --release --workspace --exclude hello-floor --bins)
else
  (cd "$src" && cargo build --release -p permanences-app --bins)
fi
bins=$CARGO_TARGET_DIR/release

stage=$out/stage-$version
rm -rf "$stage"
mkdir -p "$stage"
mkdir "$stage/man"
for page in assets/packaging/man/*.1 assets/packaging/permanences-app.1; do
  gzip -9n <"$page" >"$stage/man/$(basename "$page").gz"
done
PACKAGE_VERSION=$version python3 scripts/packaging.py changelog "$stage/changelog.gz"
PACKAGE_VERSION=$version python3 scripts/packaging.py metainfo "$stage/fr.permanences.app.metainfo.xml"
python3 scripts/packaging.py copyright "$stage/copyright"

# Depends: what the binaries link, as dpkg-shlibdeps finds it from the installed libraries'
# packages (it wants a debian/control to read, so it runs in a scratch folder).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/debian"
printf 'Source: permanences\n\nPackage: permanences\nArchitecture: any\n' >"$scratch/debian/control"
# Since 0.2.0 the window's binary is also the command line (called as `permanences`, a link
# to it: src-tauri/src/main.rs); 0.1.0 shipped two binaries.
shipped=("-e$bins/permanences-app")
[ "$mode" = previous ] && shipped+=("-e$bins/permanences")
depends=$(cd "$scratch" && dpkg-shlibdeps -O "${shipped[@]}" 2>/dev/null |
  sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "dpkg-shlibdeps n'a trouvé aucune dépendance" >&2; exit 1; }
echo "Dépendances : $depends"

# The bundle settings, given to the bundler over the project's tauri.conf.json (for the
# previous version, whose sources had none): absolute paths, so the same file serves both.
python3 - "$stage" "$version" "$depends" "$bins" "$root" "$mode" >"$stage/tauri.package.json" <<'EOF'
import json, sys
stage, version, depends, bins, root, mode = sys.argv[1:]
conf = json.load(open(f"{root}/src-tauri/tauri.conf.json", encoding="utf-8"))
bundle = conf["bundle"]
bundle["icon"] = [p.replace("../", f"{root}/", 1) for p in bundle["icon"]]
bundle["licenseFile"] = f"{root}/LICENSE"
deb = bundle["linux"]["deb"]
deb["desktopTemplate"] = f"{root}/assets/packaging/permanences.desktop"
deb["depends"] = [d.strip() for d in depends.split(",")]
doc = "/usr/share/doc/permanences"
deb["files"] = {
    # A folder maps to a folder: every page, the command's and one per subcommand.
    "/usr/share/man/man1": f"{stage}/man",
    f"{doc}/changelog.gz": f"{stage}/changelog.gz",
    f"{doc}/copyright": f"{stage}/copyright",
    "/usr/share/lintian/overrides/permanences": f"{root}/assets/packaging/lintian-overrides",
    "/usr/share/metainfo/fr.permanences.app.metainfo.xml": f"{stage}/fr.permanences.app.metainfo.xml",
}
if mode == "previous":
    deb["files"]["/usr/bin/permanences"] = f"{bins}/permanences"
json.dump({"version": version, "bundle": bundle}, sys.stdout, ensure_ascii=False, indent=2)
EOF

(cd "$src/src-tauri" && "$root/ui/node_modules/.bin/tauri" bundle --bundles deb --config "$stage/tauri.package.json")

# Repacked by dpkg-deb itself: xz, Debian's own compression (the bundler's gzip gives an 11 MB
# package, xz 6 MB), files owned by root; and the bundler's own unversioned webkit and gtk
# dependencies dropped, as dpkg-shlibdeps already names them with their versions.
tree=$stage/deb
dpkg-deb -R "$bins/bundle/deb/Permanences_${version}_amd64.deb" "$tree"
python3 - "$tree/DEBIAN/control" <<'EOF'
import sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().splitlines()
for i, line in enumerate(lines):
    if line.startswith("Depends: "):
        seen, kept = set(), []
        for dep in line[len("Depends: "):].split(","):
            name = dep.strip().split(" ")[0]
            if name not in seen:
                seen.add(name)
                kept.append(dep.strip())
        lines[i] = "Depends: " + ", ".join(kept)
open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
EOF
# The command line: a link to the window's binary, which runs it when called by this name
# (14 MB less than a second binary with the core, SQLCipher and TLS inside again).
[ "$mode" = previous ] || ln -sfn permanences-app "$tree/usr/bin/permanences"
deb=$out/permanences_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz -z9 -b "$tree" "$deb" >/dev/null
# The files' archive compressed again with xz's x86 filter (BCJ: call and jump targets made
# relative, so that repeated code compresses as such), which dpkg-deb does not offer but every
# xz decoder, dpkg's included, reads: the window's binary took 6.02 MB instead of 6.42 MB.
# Same members, same order, same tar: only data.tar.xz's compression changes.
if [ "$mode" != previous ]; then
  members=$(mktemp -d)
  (cd "$members" && ar x "$deb" && xz -dc data.tar.xz | xz --x86 --lzma2=preset=9e -T1 >data.new &&
    mv data.new data.tar.xz && rm -f "$deb" && ar rcD "$deb" debian-binary control.tar.xz data.tar.xz)
  rm -rf "$members"
fi
ls -l "$deb"
echo "Paquet : $deb ($(du -k "$deb" | cut -f1) Kio, $(stat -c %s "$deb") octets ; taille installée : $(dpkg-deb -f "$deb" Installed-Size) Kio)"
