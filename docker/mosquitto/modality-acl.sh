#!/bin/sh
# Prints the ACL block of one modality's broker login (see the comments in acl):
#
#   docker/mosquitto/modality-acl.sh CT-01 >> docker/mosquitto/acl
#
# then add its password (README.md beside this file) and reload the broker. The id is the
# one registered with POST /api/v1/modalities, and the modality's broker username.
# MQTT_TOPIC_PREFIX (default dose/v1) must match the service's and the rest of acl.
set -eu

id=${1:-}
prefix=${MQTT_TOPIC_PREFIX:-dose/v1}
# The service's modality id rule (SERIAL_PATTERN): one topic level, no wildcard, no blank.
case $id in
'' | [!A-Za-z0-9]* | *[!A-Za-z0-9_.:-]*) valid=false ;;
*) valid=true ;;
esac
if [ $# -ne 1 ] || [ "$valid" != true ] || [ ${#id} -gt 64 ]; then
  echo "usage: $0 MODALITY_ID   (1-64 letters, digits or _.:-, starting with a letter or digit)" >&2
  exit 2
fi

cat <<BLOCK

# Modality $id: its own exposure events, and none of the badge topics the patterns give.
user $id
topic write $prefix/modalities/$id/exposures
topic deny $prefix/badges/#
BLOCK
