#!/usr/bin/env bash
# Pre-resolves the distribution: starts the assembled Karaf once, in a throw-away copy, and ships its framework cache
# (data/cache: every boot feature resolved, every bundle installed and wired, the features service's record of it), so
# that the first start of an unpacked distribution is a restart: no feature resolution, no bundle copied into the cache.
# Run by the build between the assembly and its archive:  pre-resolve.sh <assembly folder> <work folder>
#
# Shipped beside it: the class-data archive the JVM wrote at its exit, checked (data/cds, see bin/setenv).
# Left out of what ships: the configuration admin's store (each configuration records the absolute path of its
# etc/ file, which is where the build ran; the first start reads etc/ afresh, so settings edited there before it count)
# and everything outside data/cache (the copy's database, logs, SSH host key). Each bundle's jar in the cache is a hard
# link to the same file in system/, so the archive holds it once.
set -euo pipefail
assembly=$(cd "$1" && pwd)
work=$2
rm -rf "$work"
cp -a "$assembly" "$work"
work=$(cd "$work" && pwd)
log="$work/data/log/karaf.log"

# Any free ports: this start serves nobody.
sed -i 's/^org.osgi.service.http.port = .*/org.osgi.service.http.port = 0/' "$work/etc/org.ops4j.pax.web.cfg"
sed -i 's/^sshPort = .*/sshPort = 0/' "$work/etc/org.apache.karaf.shell.cfg"

running() { pgrep -f "karaf.home=$work" > /dev/null; }
cleanup() { pkill -9 -f "karaf.home=$work" 2> /dev/null || true; }
trap cleanup EXIT

(cd "$work" && nohup bin/karaf server < /dev/null > "$work/pre-resolve.out" 2>&1 &)
# Ready when the platform has published /api (its boot over: the start level reached, every boot bundle started) and
# the features service has recorded the boot features as done.
for i in $(seq 1 1200); do
  if grep -q "Boot over after" "$log" 2> /dev/null \
      && grep -lqs '"bootDone" *: *true' "$work"/data/cache/bundle*/data/state.json; then
    break
  fi
  if [ "$i" = 1200 ] || ! { running || [ "$i" -lt 50 ]; }; then
    echo "pre-resolve: the distribution did not start (see $work/pre-resolve.out and $log)" >&2
    exit 1
  fi
  sleep 0.1
done
(cd "$work" && bin/stop > /dev/null 2>&1)
for i in $(seq 1 600); do
  running || break
  [ "$i" = 600 ] && { echo "pre-resolve: the distribution did not stop within 60 s" >&2; exit 1; }
  sleep 0.1
done

# The class-data archive the JVM wrote at its exit (bin/setenv), checked as a start checks it (bin/setenv, sourced as
# bin/karaf sources it: a throw-away JVM maps it, then it is kept): shipped, so that a first start on this JDK build
# maps it at once; another JDK's start removes it and writes its own. (None where the JDK has no archive of its own
# to stand on: the first start goes without, as bin/setenv does.)
(cd "$work" && DIRNAME="$work/bin" PROGNAME=karaf sh -c '. "$DIRNAME/setenv"' setenv server)
archives=("$work"/data/cds/classes-*.jsa)
rm -rf "$assembly/data/cds"
shipped="no class-data archive (this JDK has none of its own)"
if [ -f "${archives[0]}" ]; then
  mkdir -p "$assembly/data/cds"
  cp -p "${archives[0]}" "$assembly/data/cds/"
  shipped="$(basename "${archives[0]}") ($(du -h "${archives[0]}" | cut -f1))"
fi

rm -rf "$assembly/data/cache"
cp -a "$work/data/cache" "$assembly/data/cache"
cache="$assembly/data/cache"
rm -f "$cache/cache.lock"
linked=0; copied=0
for bundle in "$cache"/bundle*/; do
  [ -f "$bundle/bundle.info" ] || continue
  location=$(sed -n 2p "$bundle/bundle.info")
  case "$location" in
    mvn:org.apache.felix/org.apache.felix.configadmin/*) rm -rf "$bundle/data/config" ;;
  esac
  # mvn:group/artifact/version[/type[/classifier]] → system/group-as-folders/artifact/version/artifact-version[-classifier].type
  IFS=/ read -r group artifact version type classifier <<< "${location#mvn:}"
  file="$artifact-$version${classifier:+-$classifier}.${type:-jar}"
  source="$assembly/system/${group//.//}/$artifact/$version/$file"
  for jar in "$bundle"version*/bundle.jar; do
    if [ -f "$source" ] && cmp -s "$source" "$jar"; then
      ln -f "$source" "$jar"
      linked=$((linked + 1))
    else
      copied=$((copied + 1))
    fi
  done
done
rm -rf "$work"
echo "pre-resolve: data/cache shipped ($(ls -d "$cache"/bundle* | wc -l) bundles; $linked jars linked to system/," \
  "$copied copied) and $shipped"
