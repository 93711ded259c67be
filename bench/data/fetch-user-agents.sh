#!/usr/bin/env bash
# Rebuilds user-agents.txt from pinned releases of the top-user-agents npm package.
#
# One release holds the top 100 user agents of its week (desktop.json + mobile.json together
# are exactly index.json), so three releases from different months are merged to get more
# than 200 distinct, real-world strings. Needs node and npm.
set -euo pipefail

VERSIONS=(2.1.138 2.1.36 1.0.50)
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
for v in "${VERSIONS[@]}"; do
  mkdir "v$v"
  tarball="$(npm pack --silent "top-user-agents@$v")"
  tar xzf "$tarball" -C "v$v"
done

# Older releases keep the list in package/index.json, newer ones in package/src/*.json.
node - "${VERSIONS[@]}" > "$here/user-agents.txt" <<'JS'
const fs = require('fs');
const seen = new Set();
for (const v of process.argv.slice(2)) {
  for (const dir of [`v${v}/package/src`, `v${v}/package`]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (!f.endsWith('.json') || f === 'package.json') continue;
      for (const ua of JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8'))) {
        const clean = String(ua).replace(/[\r\n\t]/g, ' ').trim();
        if (clean) seen.add(clean);
      }
    }
  }
}
process.stdout.write([...seen].join('\n') + '\n');
JS
cp "v${VERSIONS[0]}/package/LICENSE.md" "$here/top-user-agents.LICENSE"
echo "user-agents.txt: $(wc -l < "$here/user-agents.txt") distinct user agents from top-user-agents ${VERSIONS[*]}"
