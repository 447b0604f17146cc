#!/bin/sh
# Entrypoint of every SRE-Space Java image: `java $JAVA_OPTS <arguments>` as the user sre.
#
# The knowledge graph (infra/topology.yaml) names each service's URL as the local run mode reaches
# it (http://127.0.0.1:8080). Inside Compose a service is reached by its own name, so an agent
# image reads a copy in which each service's loopback URL names that service instead
# (http://quote-service:8080); the file in the image, and in the repository, stays as it is. A
# topology given through SCOUT_TOPOLOGY, BRAIN_TOPOLOGY or FIXER_TOPOLOGY is used as given.
#
# Started as root, it adds the group of the Docker socket, when one is mounted, to the user's groups
# (Fixer restarts containers through it) and drops root; started as another user it runs as that.
set -eu

TOPOLOGY=/app/infra/topology.yaml

# compose_topology SOURCE TARGET: rewrites each service's http://127.0.0.1:PORT or
# http://localhost:PORT url to http://<service>:PORT.
compose_topology() {
  awk '
    /^services:/ { in_services = 1; print; next }
    /^[^[:space:]#]/ { in_services = 0 }
    in_services && /^  [A-Za-z0-9_.-]+:[[:space:]]*$/ { service = $1; sub(/:$/, "", service) }
    in_services && service != "" && /^    url:[[:space:]]*http:\/\/(127\.0\.0\.1|localhost):[0-9]/ {
      sub(/\/\/(127\.0\.0\.1|localhost):/, "//" service ":")
    }
    { print }' "$1" >"$2.tmp"
  mv "$2.tmp" "$2"
}

if [ -f "$TOPOLOGY" ]; then
  copy="${TMPDIR:-/tmp}/sre-space/topology.yaml"
  mkdir -p "$(dirname "$copy")"
  compose_topology "$TOPOLOGY" "$copy"
  chmod a+r "$copy"
  : "${SCOUT_TOPOLOGY:=$copy}" "${BRAIN_TOPOLOGY:=$copy}" "${FIXER_TOPOLOGY:=$copy}"
  export SCOUT_TOPOLOGY BRAIN_TOPOLOGY FIXER_TOPOLOGY
fi

# shellcheck source=load-secrets.sh
. /opt/sre-space/load-secrets.sh

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
if [ "$(id -u)" != 0 ]; then
  exec java ${JAVA_OPTS:-} "$@"
fi

socket=/var/run/docker.sock
case "${DOCKER_HOST:-}" in unix://*) socket=${DOCKER_HOST#unix://} ;; esac
if [ -S "$socket" ]; then
  groups="--groups $(stat -c %g "$socket")"
else
  groups="--clear-groups"
fi
export HOME=/app
# shellcheck disable=SC2086
exec setpriv --reuid sre --regid sre $groups java ${JAVA_OPTS:-} "$@"
