#!/usr/bin/env python3
"""The pictures of the README and of the guide, and the sources each shows.

docs/screenshots/manifest.json maps a picture to the files whose look it shows, each with its
SHA-256 when the picture was last taken. `make screenshots` takes the pictures, then runs this
script, which writes the hashes of today's files. A test (tests/it/pictures.rs) fails when a
picture the README or the guide links is missing from the manifest, or when one of its
sources changed since: run `make screenshots` again (and look at the pictures).

To add a picture: link it, add its entry (picture → list of sources) to SOURCES below, and run
`make screenshots`.
"""

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "docs" / "screenshots" / "manifest.json"

# What every window picture shows: the frame, the navigation, the styles.
WINDOW = ["ui/src/App.svelte", "ui/src/app.css"]
# What every PDF picture shows: the page engine and its fonts.
PDF = ["src/documents/pdf/mod.rs", "src/documents/pdf/fonts.rs", "src/documents/pdf/typo.rs"]

SOURCES = {
    # The README's.
    "reseau-exemple.png": WINDOW + ["ui/src/areas/Sites.svelte", "ui/src/components/SiteDetail.svelte"],
    "agenda-semaine-grille.png": WINDOW + ["ui/src/areas/Agenda.svelte", "ui/src/components/AgendaGrid.svelte"],
    "contraste-gros-texte-lieux.png": WINDOW + ["ui/src/areas/Sites.svelte", "ui/src/components/SiteDetail.svelte"],
    "chevauchement.png": WINDOW + ["ui/src/components/PermanenceForm.svelte", "ui/src/components/FormAlert.svelte"],
    "documents.png": WINDOW + ["ui/src/areas/Documents.svelte"],
    "statistics.png": WINDOW + ["ui/src/areas/Stats.svelte", "ui/src/components/StatsChart.svelte"],
    "visit-dialog.png": WINDOW + ["ui/src/components/VisitDialog.svelte", "ui/src/components/Modal.svelte"],
    "pdf-poster-a4.png": PDF + ["src/documents/leaflet/poster.rs", "src/documents/leaflet/mod.rs"],
    "pdf-poster-a4-gros.png": PDF + ["src/documents/leaflet/poster.rs", "src/documents/leaflet/mod.rs"],
    "pdf-reseau-a5.png": PDF + ["src/documents/leaflet/network.rs", "src/documents/leaflet/mod.rs"],
    "pdf-coupon.png": PDF + ["src/documents/leaflet/desk.rs"],
    "pdf-jour.png": PDF + ["src/documents/leaflet/desk.rs"],
    "pdf-bilan.png": PDF + ["src/documents/report/mod.rs", "src/documents/report/draw.rs"],
    # The guide's (docs/guide/).
    "premiers-pas.png": WINDOW + ["ui/src/components/WaysIn.svelte", "ui/src/areas/Sites.svelte"],
    "agenda-jour-bureau.png": WINDOW + ["ui/src/areas/Agenda.svelte", "ui/src/components/AgendaGrid.svelte", "ui/src/components/WalkInPanel.svelte"],
    "creneau-complet.png": WINDOW + ["ui/src/components/BookingDialog.svelte", "ui/src/components/Modal.svelte"],
    "retrouver-un-rendez-vous.png": WINDOW + ["ui/src/components/AppointmentSearch.svelte", "ui/src/components/Modal.svelte"],
    "a-prevenir.png": WINDOW + ["ui/src/components/RemindersPanel.svelte", "ui/src/components/Modal.svelte"],
    "reseau-rejoint.png": WINDOW + ["ui/src/areas/Settings.svelte", "ui/src/components/SharingSection.svelte"],
    "statistiques-export-coop.png": WINDOW + ["ui/src/areas/Stats.svelte"],
    "protection-donnees.png": WINDOW + ["ui/src/areas/Settings.svelte", "ui/src/components/ProtectionSection.svelte"],
    "restauration.png": WINDOW + ["ui/src/components/ProtectionSection.svelte", "ui/src/components/Modal.svelte"],
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    manifest = {}
    missing = []
    for picture, sources in sorted(SOURCES.items()):
        if not (MANIFEST.parent / picture).exists():
            missing.append(picture)
            continue
        manifest[picture] = {source: sha256(ROOT / source) for source in sources}
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{MANIFEST.relative_to(ROOT)} : {len(manifest)} images")
    if missing:
        print("images manquantes (non prises par make screenshots) : " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
