#!/usr/bin/env bash
# Refresh the vendored Leaflet and Leaflet.markercluster from npm, at the versions pinned
# in package.json / package-lock.json. The site's build never fetches them: it copies these
# files. Run from anywhere: ./plugins/essaim/assets/vendor/refresh.sh, then review git diff.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$work/"
[ -f "$here/package-lock.json" ] && cp "$here/package-lock.json" "$work/"
(cd "$work" && npm install --ignore-scripts --no-audit --no-fund --silent)
cp "$work/package-lock.json" "$here/package-lock.json"
rm -rf "$here/leaflet" "$here/leaflet.markercluster"
mkdir -p "$here/leaflet/images" "$here/leaflet.markercluster"
src="$work/node_modules/leaflet"
cp "$src/dist/leaflet.js" "$src/dist/leaflet.css" "$src/LICENSE" "$here/leaflet/"
cp "$src/dist/images/"*.png "$here/leaflet/images/"
src="$work/node_modules/leaflet.markercluster"
cp "$src/dist/leaflet.markercluster.js" "$src/dist/MarkerCluster.css" \
  "$src/dist/MarkerCluster.Default.css" "$src/MIT-LICENCE.txt" "$here/leaflet.markercluster/"
# Source maps are left out: the files end with a comment naming one, which would 404.
sed -i '/^\/\/# sourceMappingURL=/d' "$here/leaflet/leaflet.js" \
  "$here/leaflet.markercluster/leaflet.markercluster.js"
echo "Vendored: $(cd "$here" && ls leaflet leaflet.markercluster | tr '\n' ' ')"
