#!/bin/sh
# Install Charter Builder for one user, from the unpacked tarball: no root, no Python needed.
#
#   ./install.sh                 installs under ~/.local (the program in ~/.local/lib/charter-builder,
#                                the command ~/.local/bin/charter-builder, the menu entry and icon)
#   ./install.sh --prefix DIR    installs under DIR instead
#   ./install.sh --uninstall     removes what it installed (add --prefix DIR if you used one)
#
# Your charters and settings are kept in ~/.local/share/charter-builder/ and are never touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME}/.local"
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

app_id=io.github.charterbuilder.CharterBuilder
lib="$prefix/lib/charter-builder"
command="$prefix/bin/charter-builder"
entry="$prefix/share/applications/charter-builder.desktop"
icon="$prefix/share/icons/hicolor/scalable/apps/$app_id.svg"
metainfo="$prefix/share/metainfo/$app_id.metainfo.xml"

refresh_menus() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
  fi
}

if [ "$action" = uninstall ]; then
  rm -rf "$lib"
  rm -f "$command" "$entry" "$icon" "$metainfo"
  refresh_menus
  echo "Charter Builder removed from $prefix (your charters are still in your data folder)."
  exit 0
fi

mkdir -p "$prefix/lib" "$prefix/bin" "$(dirname "$entry")" "$(dirname "$icon")" \
  "$(dirname "$metainfo")"
rm -rf "$lib.new"
cp -R "$here/charter-builder" "$lib.new"
rm -rf "$lib"
mv "$lib.new" "$lib"
ln -sf "$lib/charter-builder" "$command"
# The menu may not have $prefix/bin on its PATH: the entry names the command in full.
sed -e "s|^Exec=charter-builder|Exec=$command|" -e "s|^TryExec=charter-builder|TryExec=$command|" \
  "$here/share/applications/charter-builder.desktop" > "$entry"
cp "$here/share/icons/hicolor/scalable/apps/$app_id.svg" "$icon"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$metainfo"
refresh_menus

echo "Charter Builder installed: $command"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Note: $prefix/bin is not on your PATH; start it from the menu or as $command." ;;
esac
