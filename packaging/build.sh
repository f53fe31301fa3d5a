#!/usr/bin/env bash
# Build the one-folder CableReader bundle and check that it works.
#
#     bash packaging/build.sh
#
# 1. a build venv in build/bundle/venv (made once, then reused) with this project and
#    PyInstaller installed from PyPI;
# 2. dist/CableReader/ from packaging/pyinstaller/cablereader.spec;
# 3. smoke tests of the bundled executable, run without the venv: --version, `quotes`
#    on the bundled sample corpus (and on a corpus large enough for worker processes),
#    the no-display message, --self-test (the window offscreen on the sample), and
#    `install-desktop` into a temporary folder, whose files are checked with
#    desktop-file-validate and appstreamcli when those are installed;
# 4. dist/CableReader-<version>-linux-<arch>.tar.gz.
# Exits non-zero at the first failure.  PYTHON picks the interpreter (default python3).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$ROOT/build/bundle"
VENV="$BUILD/venv"
DIST="$ROOT/dist"
BUNDLE="$DIST/CableReader"
EXE="$BUNDLE/CableReader"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/cablereader-build.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
started=$SECONDS

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'build.sh: FAILED: %s\n' "$*" >&2; exit 1; }
passed() { printf '   ok: %s\n' "$*"; }

# The bundle runs as a user would run it: no venv on PATH, no PYTHON* variables, a
# fresh HOME (so no settings or data of ours are read or written), no display.
run_bundle() {
    env -i PATH=/usr/bin:/bin HOME="$SCRATCH/home" LANG=C.UTF-8 TMPDIR="$SCRATCH" \
        "$@"
}
mkdir -p "$SCRATCH/home"

step "Build venv ($VENV)"
if [ ! -x "$VENV/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
# Not editable: the bundle is made from the package as a wheel installs it.
"$VENV/bin/python" -m pip install --quiet --upgrade "$ROOT[bundle]"
"$VENV/bin/python" -m pip install --quiet --force-reinstall --no-deps "$ROOT"
"$VENV/bin/python" -c 'import PyInstaller, PySide6; print("   PyInstaller", PyInstaller.__version__, "/ PySide6", PySide6.__version__)'

step "PyInstaller"
build_started=$SECONDS
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/work" "$ROOT/packaging/pyinstaller/cablereader.spec"
build_seconds=$((SECONDS - build_started))
[ -x "$EXE" ] || fail "$EXE was not built"
passed "built in ${build_seconds} s"

step "Smoke tests"
smoke_started=$SECONDS
version="$(run_bundle "$EXE" --version)" || fail "--version exited with $?"
expected="cablereader $("$VENV/bin/python" -c 'import cablereader; print(cablereader.__version__)')"
[ "$version" = "$expected" ] || fail "--version printed '$version', expected '$expected'"
passed "--version: $version"

corpus="$(find "$BUNDLE" -type d -path '*/cablereader/resources/corpus' | head -n 1)"
[ -n "$corpus" ] || fail "the sample corpus is not in the bundle"
run_bundle "$EXE" quotes "$corpus" > "$SCRATCH/quotes.csv" || fail "quotes exited with $?"
header="document,start,end,quote,words,verdict,similarity,source_document,source_start,source_end,source_passage,diff"
[ "$(head -n 1 "$SCRATCH/quotes.csv" | tr -d '\r')" = "$header" ] || fail "quotes: unexpected CSV header"
grep -q ',altered,' "$SCRATCH/quotes.csv" || fail "quotes: the altered quote of article 001 is missing"
passed "quotes on the bundled sample: $(($(wc -l < "$SCRATCH/quotes.csv") - 1)) CSV lines"

# 80 articles: above the size at which articles are analysed in spawned worker
# processes, which a frozen app starts through its own executable.
mkdir -p "$SCRATCH/large"
cp "$corpus"/003_*.txt "$SCRATCH/large/"
for i in $(seq -w 1 80); do cp "$corpus"/000_*.txt "$SCRATCH/large/article-$i.txt"; done
run_bundle timeout 300 "$EXE" quotes "$SCRATCH/large" --source 003_5dca466439790169.txt \
    > "$SCRATCH/large.csv" || fail "quotes on 80 articles (worker processes) exited with $?"
per_copy=$(grep -c '^000_' "$SCRATCH/quotes.csv")
lines=$(grep -c '^article-' "$SCRATCH/large.csv")
[ "$lines" -eq $((80 * per_copy)) ] || fail "quotes on 80 articles: $lines rows, expected $((80 * per_copy))"
passed "quotes on 80 articles in worker processes: $lines rows"

# Every import format, read by the bundled libraries: article 001 as a news page, a
# two-column PDF, DOCX, ODT, RTF, e-mail, MHTML and Markdown (tests/format_fixtures.py),
# each must give the same verdicts as its .txt.
mkdir -p "$SCRATCH/formats"
cp "$corpus"/003_*.txt "$corpus"/001_*.txt "$SCRATCH/formats/"
"$VENV/bin/python" - "$ROOT" "$SCRATCH/formats" <<'PY'
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests import format_fixtures as fx
stem = fx.ARTICLES[1]
for version in ("news-html", "two-column-pdf", "docx", "odt", "rtf", "eml", "mhtml", "markdown"):
    suffix, build = fx.ARTICLE_VERSIONS[version]
    (Path(sys.argv[2]) / f"{stem}.{version}{suffix}").write_bytes(build(stem))
PY
run_bundle timeout 300 "$EXE" quotes "$SCRATCH/formats" --source 003_5dca466439790169.txt \
    > "$SCRATCH/formats.csv" || fail "quotes on every format exited with $?"
expected=$(grep '^001_' "$SCRATCH/formats.csv" | grep -c '^001_f20ffc1191894066.txt,')
for fmt in news-html two-column-pdf docx odt rtf eml mhtml markdown; do
    got=$(grep -c "^001_f20ffc1191894066.$fmt" "$SCRATCH/formats.csv" || true)
    [ "$got" -eq "$expected" ] || fail "quotes on the $fmt version: $got rows, expected $expected"
done
passed "quotes on 8 import formats: $expected quotations each"

set +e
message="$(run_bundle "$EXE" 2>&1 >/dev/null)"
code=$?
set -e
[ "$code" -eq 1 ] && [[ "$message" == *"no display"* ]] \
    || fail "without a display: exit $code, '$message'"
passed "no display: exit 1, names the headless commands"

run_bundle QT_QPA_PLATFORM=offscreen timeout 120 "$EXE" --self-test 2>"$SCRATCH/selftest.err" \
    || { code=$?; cat "$SCRATCH/selftest.err" >&2; fail "--self-test exited with $code"; }
passed "--self-test (window offscreen on the sample)"
if command -v xvfb-run > /dev/null; then
    # The real X11 platform plugin too, with the libraries the bundle brought for it.
    xvfb-run -a -s "-screen 0 1280x800x24" sh -c 'exec env -i PATH=/usr/bin:/bin \
        HOME="$1" LANG=C.UTF-8 TMPDIR="$2" DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" \
        QT_QPA_PLATFORM=xcb timeout 120 "$3" --self-test' sh "$SCRATCH/home" "$SCRATCH" "$EXE" \
        2>"$SCRATCH/selftest-xcb.err" \
        || { code=$?; cat "$SCRATCH/selftest-xcb.err" >&2; fail "--self-test on X11 (Xvfb) exited with $code"; }
    passed "--self-test on X11 (xcb, under Xvfb)"
else
    echo "   skipped: --self-test on X11 (apt-get install xvfb)"
fi
# Qt may cache fonts under HOME; settings, projects or recent files of ours must not appear.
ours="$(find "$SCRATCH/home" -iname '*cablereader*')"
[ -z "$ours" ] || fail "--self-test wrote into HOME: $ours"
passed "--self-test left no settings or data in HOME"

xdg="$SCRATCH/xdg"
run_bundle XDG_DATA_HOME="$xdg" "$EXE" install-desktop --dry-run > /dev/null
[ ! -e "$xdg" ] || fail "install-desktop --dry-run wrote files"
run_bundle XDG_DATA_HOME="$xdg" "$EXE" install-desktop > /dev/null || fail "install-desktop failed"
desktop_file="$xdg/applications/org.cablereader.CableReader.desktop"
metainfo_file="$xdg/metainfo/org.cablereader.CableReader.metainfo.xml"
grep -qx "Exec=$EXE %F" "$desktop_file" || fail "the menu entry does not run $EXE"
[ -s "$xdg/icons/hicolor/256x256/apps/org.cablereader.CableReader.png" ] \
    || fail "install-desktop did not install the icon"
passed "install-desktop: Exec=$EXE %F, icon"
if command -v desktop-file-validate > /dev/null; then
    desktop-file-validate "$desktop_file" || fail "desktop-file-validate"
    passed "desktop-file-validate"
else
    echo "   skipped: desktop-file-validate (apt-get install desktop-file-utils)"
fi
if command -v appstreamcli > /dev/null; then
    appstreamcli validate --no-net "$metainfo_file" || fail "appstreamcli validate"
    passed "appstreamcli validate"
else
    echo "   skipped: appstreamcli validate (apt-get install appstream)"
fi
run_bundle XDG_DATA_HOME="$xdg" "$EXE" install-desktop --uninstall > /dev/null
[ ! -e "$desktop_file" ] || fail "install-desktop --uninstall left $desktop_file"
passed "install-desktop --uninstall"

# Qt libraries that must not come back into the bundle (see the spec's excludes).
unwanted="$(find "$BUNDLE" -name 'libQt6*' | grep -E 'Qt6(Network|Qml|Quick|Pdf|Sql|Multimedia|Designer|WebEngine)' || true)"
[ -z "$unwanted" ] || fail "unused Qt libraries in the bundle: $unwanted"
passed "no QtNetwork, QML, Quick, Pdf, Sql or Multimedia libraries"

smoke_seconds=$((SECONDS - smoke_started))

step "Archive"
arch="$(uname -m)"
tarball="$DIST/CableReader-${version#cablereader }-linux-$arch.tar.gz"
tar -C "$DIST" -czf "$tarball" CableReader
passed "$tarball"

step "Summary"
echo "   PyInstaller: ${build_seconds} s; smoke tests: ${smoke_seconds} s; everything: $((SECONDS - started)) s"
echo "   bundle: $(du -sh "$BUNDLE" | cut -f1) ($BUNDLE)"
echo "   archive: $(du -h "$tarball" | cut -f1) ($(basename "$tarball"))"
