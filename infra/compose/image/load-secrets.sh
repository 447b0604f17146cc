# Sourced by the images' entrypoints: exports this part's own secrets (its Kafka login, its API
# keys), made by compose-secrets.sh and mounted for this container alone. They reach the process's
# environment only: never a command line or `docker inspect`.
SECRETS=/run/sre-space/env
if [ -r "$SECRETS" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$SECRETS"
  set +a
fi
