#!/bin/sh
# Rebuilds web/vendor from package-lock.json: `go generate ./server/explore/`.
# npm ci installs exactly the locked versions (checking each tarball's
# integrity hash); the files copied must then match SHA256SUMS, which is
# also what TestVendoredFilesMatchChecksums checks on the embedded copies.
set -eu
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
cp node_modules/cytoscape/dist/cytoscape.min.js web/vendor/cytoscape.min.js
cp node_modules/cytoscape/LICENSE web/vendor/cytoscape.LICENSE
sha256sum -c SHA256SUMS
