#!/bin/sh
# Entrypoint of the Jaeger image: its Kafka login from the secrets compose-secrets.sh mounted for
# this container alone, then the collector as the user sre with the configuration in the image.
set -eu
SECRETS=/run/sre-space/env
if [ -r "$SECRETS" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$SECRETS"
  set +a
fi
if [ "$(id -u)" != 0 ]; then
  exec /usr/local/bin/jaeger --config /etc/jaeger/collector.yaml "$@"
fi
exec setpriv --reuid sre --regid sre --clear-groups /usr/local/bin/jaeger --config /etc/jaeger/collector.yaml "$@"
