# Shared by the chaos scripts: where each demo service is, the admin token, and HTTP calls.
# shellcheck shell=bash
set -euo pipefail

CHAOS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVICES=(quote-service policy-service user-service)

now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
say() { printf '%s %s\n' "$(now)" "$*"; }
fail() { printf '%s chaos: %s\n' "$(now)" "$*" >&2; exit 1; }

command -v curl >/dev/null || fail "curl is needed (Debian: apt-get install curl)"

service_url() {
  case "$1" in
    quote-service) echo "${QUOTE_SERVICE_URL:-http://127.0.0.1:8080}" ;;
    policy-service) echo "${POLICY_SERVICE_URL:-http://127.0.0.1:8081}" ;;
    user-service) echo "${USER_SERVICE_URL:-http://127.0.0.1:8082}" ;;
    *) fail "unknown service '$1' (known: ${SERVICES[*]})" ;;
  esac
}

admin_token() {
  if [ -n "${DEMO_ADMIN_TOKEN:-}" ]; then
    printf '%s' "$DEMO_ADMIN_TOKEN"
  elif [ -f "$CHAOS_ROOT/.sre-space/admin-token" ]; then
    cat "$CHAOS_ROOT/.sre-space/admin-token"
  else
    fail "no admin token: set DEMO_ADMIN_TOKEN (or run the local demo, which writes .sre-space/admin-token)"
  fi
}

# admin METHOD SERVICE PATH: calls the service's fault admin endpoint; prints the body, fails on an error status.
admin() {
  local method=$1 service=$2 path=$3 url body status
  url="$(service_url "$service")/admin/faults$path"
  body=$(curl -sS -m 10 -X "$method" -H "X-Admin-Token: $(admin_token)" -w '\n%{http_code}' "$url") \
    || fail "$service is not answering at $url"
  status=${body##*$'\n'}
  body=${body%$'\n'*}
  [ "$status" -lt 300 ] || fail "$service answered $status: $body"
  printf '%s' "$body"
}
