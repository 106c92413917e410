#!/bin/sh
# The macOS disk image: dist/Wegwijs-<version>.dmg holding Wegwijs.app and a link to
# /Applications, to drag it into. Run on a Mac after `python packaging/build.py`.
#
# Signing and notarisation (not done by this script; they need the office's Apple Developer
# ID): without them macOS says the app "cannot be checked for malicious software" on first
# open, and a coordinator opens it once with right-click → Open. With an ID:
#   codesign --deep --force --options runtime --sign "Developer ID Application: …" dist/Wegwijs.app
#   xcrun notarytool submit dist/Wegwijs-<version>.dmg --keychain-profile … --wait
#   xcrun stapler staple dist/Wegwijs-<version>.dmg
set -eu
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
app=dist/Wegwijs.app
[ -d "$app" ] || { echo "no $app: run python packaging/build.py first" >&2; exit 1; }
stage=build/dmg
rm -rf "$stage"
mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
out="dist/Wegwijs-$version.dmg"
rm -f "$out"
hdiutil create -volname "Wegwijs $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out"
# the image opens, and the program inside starts and answers
mount=$(mktemp -d)
hdiutil attach -nobrowse -readonly -mountpoint "$mount" "$out" >/dev/null
"$mount/Wegwijs.app/Contents/MacOS/wegwijs" --version
hdiutil detach "$mount" >/dev/null
echo "$out"
