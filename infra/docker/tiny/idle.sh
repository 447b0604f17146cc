#!/bin/sh
env | sort > /run/service.env
if [ -n "${EXIT_AT_START:-}" ]; then
  echo "exiting with $EXIT_AT_START as EXIT_AT_START asks" >&2
  exit "$EXIT_AT_START"
fi
trap 'exit 0' TERM INT
sleep infinity &
wait $!
