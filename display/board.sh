#!/bin/sh
# Talon hall board (or desk indicator) on a board PC: Chromium full screen, sound without a
# click, restarted if it ever exits. Put it in the PC's autostart (e.g. ~/.config/autostart or
# a systemd user service) after `apt-get install chromium`.
#
#   display/board.sh https://talon.example                       # the hall board, Russian
#   display/board.sh https://talon.example /display?lang=en      # English board
#   display/board.sh https://talon.example '/display?voice=both' # Russian page, Russian then English voice
#   display/board.sh https://talon.example /display/desk/5       # the indicator above window 5
#
# The first start pairs the screen: TALON_TOKEN=<token from `npx talon device add --kind display`>
# (or type it on the pairing screen). The token is kept in the browser profile below, so later
# starts need nothing. A revoked token brings the pairing screen back.
set -eu
SERVER="${1:?usage: board.sh https://talon.example [/display path]}"
PAGE="${2:-/display}"
PROFILE="${TALON_BOARD_PROFILE:-$HOME/.talon-board}"
BROWSER="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo chromium)}"
URL="${SERVER%/}${PAGE}"
if [ -n "${TALON_TOKEN:-}" ]; then URL="${URL}#token=${TALON_TOKEN}"; fi

mkdir -p "$PROFILE"
while :; do
	"$BROWSER" \
		--kiosk "$URL" \
		--autoplay-policy=no-user-gesture-required \
		--user-data-dir="$PROFILE" \
		--noerrdialogs --disable-infobars --disable-session-crashed-bubble --disable-translate \
		--no-first-run --disable-features=TranslateUI --overscroll-history-navigation=0 \
		--check-for-update-interval=31536000 || true
	# Only the first start carries the token; after a crash reopen the plain address.
	URL="${SERVER%/}${PAGE}"
	sleep 3
done
