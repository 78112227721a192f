#!/bin/sh
# Builds the hello sample on a machine with no container engine: compiles the source repo's Hello.java into the
# node's local image store, one directory per image (OA_IMAGE is <docker_url>:<source commit>). The Builder runs
# this script in the deployment repo checkout with OA_IMAGE, OA_BUILD_DIR and OA_SOURCE_DIR set.
set -e
store="${OA_IMAGES_DIR:-${TMPDIR:-/tmp}/openaperture-images}"
out="$store/$(printf '%s' "$OA_IMAGE" | tr '/:' '__')"
echo "building $OA_IMAGE into $out"
mkdir -p "$out"
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$out" "$OA_SOURCE_DIR/Hello.java"
echo "built $OA_IMAGE"
