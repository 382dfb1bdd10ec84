#!/usr/bin/env bash
# `mcheck build --out` an empty folder that is a mount point, for real (Sources/Site/OutputFolder.swift; the Swift tests
# play it with failing steps). Usage: scripts/output-folder-mount-test.sh [MCHECK]
#
# Needs root and unshare(1): in a mount namespace of its own (nothing is mounted outside it), builds this course into
# an empty tmpfs mount point (another file system: the temporary folder beside it cannot be renamed onto it) and into
# an empty bind mount of a folder (the same file system, rename fails with EBUSY), then rebuilds both. Each must
# succeed with the site inside the mount and nothing left beside it. Exit 0 when skipped (not root, no unshare).
set -uo pipefail
cd "$(dirname "$0")/.."
mcheck=${1:-$(swift build --show-bin-path)/mcheck}
case "$mcheck" in /*) ;; *) mcheck=$PWD/$mcheck ;; esac
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
  echo "output-folder-mount-test: needs root and unshare; not run"; exit 0
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/mcheck-mount-test-XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/tmpfs-out" "$scratch/bind-source" "$scratch/bind-out"

unshare --mount --propagation private bash -c '
  set -u
  scratch=$1 mcheck=$2
  mount -t tmpfs tmpfs "$scratch/tmpfs-out" || { echo "output-folder-mount-test: cannot mount a tmpfs here; not run"; exit 0; }
  mount --bind "$scratch/bind-source" "$scratch/bind-out" || exit 2
  for out in tmpfs-out bind-out; do
    for round in build rebuild; do
      "$mcheck" build --out "$scratch/$out" >/dev/null || { echo "output-folder-mount-test: $round into the $out mount point failed"; exit 1; }
      [ -f "$scratch/$out/index.html" ] && [ -f "$scratch/$out/.mcheck-site" ] || { echo "output-folder-mount-test: no site in $out after the $round"; exit 1; }
    done
  done
  beside=$(ls -A "$scratch" | tr "\n" " ")
  [ "$beside" = "bind-out bind-source tmpfs-out " ] || { echo "output-folder-mount-test: left beside the mount points: $beside"; exit 1; }
  umount "$scratch/tmpfs-out" "$scratch/bind-out"
  echo "output-folder-mount-test: built and rebuilt into a tmpfs mount point and a bind mount"
' mount-test "$scratch" "$mcheck"
