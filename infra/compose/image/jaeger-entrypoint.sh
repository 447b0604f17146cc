#!/bin/sh
# Entrypoint of the Jaeger image: its Kafka login from the secrets compose-secrets.sh mounted for
# this container alone, then the collector as the user sre with the configuration in the image.
set -eu
# shellcheck source=load-secrets.sh
. /opt/sre-space/load-secrets.sh
if [ "$(id -u)" != 0 ]; then
  exec /usr/local/bin/jaeger --config /etc/jaeger/collector.yaml "$@"
fi
exec setpriv --reuid sre --regid sre --clear-groups /usr/local/bin/jaeger --config /etc/jaeger/collector.yaml "$@"
