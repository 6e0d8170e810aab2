#!/usr/bin/env bash
# A production install starts. What ships is what `npm pack` puts in the package (the `files` of
# package.json: the build, server.js, the `talon` command and the sources it runs, migrations,
# the voice pack, the kiosk agent) plus package-lock.json. This unpacks it in a temp folder,
# installs it with `npm install --omit=dev` (no Vite, no SvelteKit), and checks that `npm start`
# serves the app, the API, Socket.IO and the voice pack, and that the `talon` command works.
# Reuses build/ when it is newer than the sources (CI: the end-to-end tests built it).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f build/handler.js ] || [ -n "$(find src -newer build/handler.js -print -quit)" ]; then npm run build; fi

work=$(mktemp -d)
pid=
# npm start runs `sh -c "node server.js"` under npm: it runs in a process group of its own, and
# the whole group is stopped (npm does not pass SIGTERM on to the server everywhere).
stop() {
	[ -n "$pid" ] || return 0
	kill -TERM -- "-$pid" 2>/dev/null || true
	for _ in $(seq 1 30); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 1; done
	kill -KILL -- "-$pid" 2>/dev/null || true
	pid=
}
cleanup() {
	stop
	rm -rf "$work"
}
trap cleanup EXIT
fail() {
	echo "[production] $1"
	[ -f "$work/server.log" ] && cat "$work/server.log"
	exit 1
}

npm pack --ignore-scripts --silent --pack-destination "$work" >/dev/null
tar -xzf "$work"/talon-*.tgz -C "$work"
app="$work/package"
cp package-lock.json "$app/"
[ -f "$app/build/handler.js" ] || fail "the package has no build/ (package.json \"files\")"

# npm pack gives every file one old date; a real deploy copies the sources after the build.
touch "$app/src/hooks.server.ts"

echo "[production] $(date +%T) npm install --omit=dev in $app"
(cd "$app" && npm install --omit=dev --no-audit --no-fund --prefer-offline --loglevel=error >"$work/install.log" 2>&1) ||
	{ cat "$work/install.log"; fail "npm install --omit=dev failed"; }
for dev in vite @sveltejs/kit @sveltejs/adapter-node svelte vitest typescript; do
	[ ! -e "$app/node_modules/$dev" ] || fail "dev dependency $dev was installed"
done

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
url="http://127.0.0.1:$port"
(cd "$app" && exec env -u DATABASE_URL PORT="$port" HOST=127.0.0.1 TALON_DATA_DIR="$work/data" setsid npm start --silent) >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
	curl -fsS "$url/" -o /dev/null 2>/dev/null && break
	kill -0 "$pid" 2>/dev/null || fail "npm start exited"
	sleep 1
done
curl -fsS "$url/" -o /dev/null || fail "GET / did not answer within 180 s"
grep -q 'building the app' "$work/server.log" && fail "npm start tried to build"
curl -fsS "$url/api/v1/openapi.json" -o /dev/null || fail "GET /api/v1/openapi.json failed"
curl -fsS "$url/socket.io/?EIO=4&transport=polling" | grep -q '"sid"' || fail "no Socket.IO handshake"
curl -fsS "$url/display/voice/manifest.json" -o /dev/null || fail "the voice pack is not served"
echo "[production] $(date +%T) npm start answers on / , the API, Socket.IO and the voice pack"

stop
grep -q 'SIGTERM: finishing' "$work/server.log" || fail "the server did not stop on SIGTERM"
# The `talon` command runs its TypeScript through tsx, a runtime dependency.
(cd "$app" && env -u DATABASE_URL TALON_DATA_DIR="$work/data" node bin/talon.js office list --json) | grep -q '"slug":"central"' ||
	fail "npx talon office list does not work in the production install"
echo "[production] $(date +%T) the talon command works; a production install needs no dev dependency"
