#!/usr/bin/env python3
"""The files of the Debian package that are drawn from the repository (`make package`).

    packaging.py changelog OUT     CHANGELOG.md -> the Debian changelog (native package)
    packaging.py metainfo OUT      AppStream metainfo: summary, description, screenshots,
                                   licence, and one <release> per CHANGELOG version
    packaging.py copyright OUT     /usr/share/doc/permanences/copyright (DEP-5), with the
                                   full AGPL-3.0 and OFL-1.1 texts
    packaging.py version           the version in src-tauri/tauri.conf.json

CHANGELOG.md is the one place release notes are written: the package's changelog and the
metainfo's releases are made from it, so they cannot disagree. Standard library only.
"""

import gzip
import json
import os
import re
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "permanences"
APP_ID = "fr.permanences.app"
MAINTAINER = "Équipe Permanences <maintainers@users.noreply.r-seed-cbd64980.example>"
# The project has no public web address yet: AppStream needs one for the screenshots and the
# home page. Set it here (one place) before publishing the package in a repository.
HOMEPAGE = "https://forge.example/permanences/permanences"
SCREENSHOTS = [
    ("agenda.png", "L'agenda du jour d'un lieu, avec les rendez-vous et les places libres"),
    ("agenda-semaine.png", "La semaine d'un lieu"),
    ("lieux-et-permanences.png", "Les lieux et leurs permanences de la semaine"),
    ("accompagnements.png", "Un accompagnement noté, anonyme par défaut"),
    ("pdf-poster-a4.png", "L'affiche A4 d'un lieu, avec ses horaires et un QR code"),
]


def version() -> str:
    conf = json.loads((ROOT / "src-tauri/tauri.conf.json").read_text(encoding="utf-8"))
    return conf["version"]


def releases() -> list[tuple[str, str, list[str]]]:
    """(version, date, items) of every released version of CHANGELOG.md, newest first.

    An item is one bullet, its continuation lines joined. The « Non publié » section is not a
    release and is left out.
    """
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    found = []
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        m = re.match(r"\[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})", head)
        if not m:
            continue
        items: list[str] = []
        heading = ""
        for line in body.splitlines():
            if line.startswith("### "):
                heading = line[4:].strip()
            elif line.startswith("- "):
                items.append(f"{heading} : {line[2:].strip()}" if heading else line[2:].strip())
            elif line.startswith("  ") and items:
                items[-1] += " " + line.strip()
        found.append((m.group(1), m.group(2), items))
    # PACKAGE_VERSION: a package of an earlier version lists the releases up to its own.
    upto = os.environ.get("PACKAGE_VERSION")
    if upto:
        key = lambda v: tuple(int(x) for x in v.split("."))  # noqa: E731
        found = [r for r in found if key(r[0]) <= key(upto)]
    if not found:
        sys.exit("CHANGELOG.md : aucune version publiée (## [X.Y.Z] - AAAA-MM-JJ).")
    return found


def plain(item: str) -> str:
    """Markdown's inline marks removed (`code`, [text](link))."""
    item = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", item)
    return item.replace("`", "")


def changelog() -> str:
    out = []
    for ver, day, items in releases():
        out.append(f"{PACKAGE} ({ver}) unstable; urgency=medium\n")
        for item in items:
            words = plain(item).split()
            line = "  *"
            for w in words:
                if len(line) + 1 + len(w) > 78:
                    out.append(line)
                    line = "   "
                line += " " + w
            out.append(line)
        stamp = datetime.combine(date.fromisoformat(day), datetime.min.time(), timezone.utc)
        out.append(f"\n -- {MAINTAINER}  {stamp.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n")
    return "\n".join(out)


def metainfo() -> str:
    shots = []
    for i, (name, caption) in enumerate(SCREENSHOTS):
        kind = ' type="default"' if i == 0 else ""
        shots.append(
            f"    <screenshot{kind}>\n      <caption>{escape(caption)}</caption>\n"
            f"      <image>{HOMEPAGE}/raw/main/docs/screenshots/{name}</image>\n    </screenshot>"
        )
        if not (ROOT / "docs/screenshots" / name).is_file():
            sys.exit(f"Capture d'écran manquante : docs/screenshots/{name}")
    rel = []
    for ver, day, items in releases():
        lis = "\n".join(f"          <li>{escape(plain(i))}</li>" for i in items)
        rel.append(
            f'    <release version="{ver}" date="{day}">\n      <description>\n'
            f"        <ul>\n{lis}\n        </ul>\n      </description>\n    </release>"
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>AGPL-3.0-or-later</project_license>
  <name>Permanences</name>
  <summary>Lieux, horaires et rendez-vous des permanences numériques</summary>
  <developer_name>Équipe Permanences</developer_name>
  <description>
    <p>
      Permanences aide les lieux de médiation numérique (centres sociaux, médiathèques,
      France Services) à tenir leurs permanences, là où des médiateurs accompagnent les
      habitants dans leurs démarches en ligne.
    </p>
    <ul>
      <li>Lieux et horaires des permanences, avec ou sans rendez-vous, fermetures et jours fériés</li>
      <li>Agenda du jour et de la semaine, rendez-vous, passages et liste d'attente</li>
      <li>Accompagnements anonymes par défaut, statistiques et bilan pour les financeurs</li>
      <li>Affiches et dépliants en PDF, aussi en gros caractères, avec un QR code</li>
      <li>Calendriers ICS et données ouvertes au standard national</li>
    </ul>
    <p>
      Les données restent sur l'ordinateur, chiffrées si on le souhaite. L'application se
      pilote au clavier et avec un lecteur d'écran. La commande « permanences » fait la même
      chose en ligne de commande, pour les scripts des coordinations.
    </p>
  </description>
  <launchable type="desktop-id">Permanences.desktop</launchable>
  <url type="homepage">{HOMEPAGE}</url>
  <categories>
    <category>Office</category>
    <category>Calendar</category>
  </categories>
  <provides>
    <binary>permanences-app</binary>
    <binary>permanences</binary>
  </provides>
  <content_rating type="oars-1.1"/>
  <screenshots>
{chr(10).join(shots)}
  </screenshots>
  <releases>
{chr(10).join(rel)}
  </releases>
</component>
"""


def dep5_text(path: Path) -> str:
    """A licence text as DEP-5 wants it: every line indented, empty lines as « . »."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(" " + line.rstrip() if line.strip() else " ." for line in lines)


def copyright_file() -> str:
    return f"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Permanences
Upstream-Contact: {MAINTAINER}
Source: {HOMEPAGE}
Comment: The binaries also embed, statically linked, the Rust crates listed in the source's
 Cargo.lock (MIT, Apache-2.0, BSD, ISC, Zlib, Unicode-3.0, MPL-2.0 licences) and SQLCipher
 (BSD-3-Clause), and the web interface's compiled Svelte code (MIT).

Files: *
Copyright: 2026 Équipe Permanences
License: AGPL-3.0-or-later

Files: assets/fonts/*
Copyright: 2020 Braille Institute of America, Inc.
License: OFL-1.1

License: AGPL-3.0-or-later
{dep5_text(ROOT / "LICENSE")}

License: OFL-1.1
{dep5_text(ROOT / "assets/fonts/OFL.txt")}
"""


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    what = sys.argv[1]
    if what == "version":
        print(version())
        return
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out = Path(sys.argv[2])
    out.parent.mkdir(parents=True, exist_ok=True)
    if what == "changelog":
        # -n: no name or time in the gzip header, so the same input gives the same bytes.
        out.write_bytes(gzip.compress(changelog().encode(), compresslevel=9, mtime=0))
    elif what == "metainfo":
        out.write_text(metainfo(), encoding="utf-8")
    elif what == "copyright":
        out.write_text(copyright_file(), encoding="utf-8")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
