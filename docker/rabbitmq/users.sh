#!/bin/sh
# Creates or updates one RabbitMQ login with the rights docker/mosquitto/acl gives the same
# kind of login (DESIGN.md §3, §7). Run inside the rabbitmq container, e.g.
#   docker compose exec rabbitmq /etc/rabbitmq/users.sh service dose-service "$MQTT_SERVICE_PASSWORD"
#   docker compose exec rabbitmq /etc/rabbitmq/users.sh badge B-000123 "$BADGE_PASSWORD"
#   docker compose exec rabbitmq /etc/rabbitmq/users.sh modality CT-01 "$MODALITY_PASSWORD"
#   docker compose exec rabbitmq /etc/rabbitmq/users.sh pager pager-rso-office "$PAGER_PASSWORD"
#
# Topic permissions are regular expressions over routing keys, where the MQTT plugin has
# turned each topic's "/" into "." (dose/v1/badges/B-1/readings is dose.v1.badges.B-1.readings);
# {username} is the login's name. Resource permissions let the MQTT plugin publish to
# amq.topic and keep the login's own subscription queues (mqtt-subscription-<client id>qos0|1).
# Topics are under the default MQTT_TOPIC_PREFIX "dose/v1", as in definitions.json.
set -eu
kind=$1 user=$2 password=$3
# RABBITMQ_VHOST: another vhost than rabbitmq.conf's (test/docker/rabbitmq-config.spec.ts).
vhost=${RABBITMQ_VHOST:-dose}
mqtt_queues='^mqtt-subscription-'
rabbitmqctl add_user "$user" "$password" 2>/dev/null || rabbitmqctl change_password "$user" "$password"
case $kind in
  service)
    # Consumes the device queue (AMQP), reads every device topic (the queue's bindings),
    # publishes alerts to badges and to alert subscribers (over MQTT).
    rabbitmqctl set_permissions -p $vhost "$user" \
      '^(dose-service\.device-messages|mqtt-subscription-.*)$' \
      '^(amq\.topic|dose-service\.device-messages|mqtt-subscription-.*)$' \
      '^(amq\.topic|dose-service\.device-messages|mqtt-subscription-.*)$'
    rabbitmqctl set_topic_permissions -p $vhost "$user" amq.topic \
      '^dose\.v1\.(badges\.[^.]+\.alerts|alerts\..+)$' '^dose\.v1\..+$'
    ;;
  badge)
    # Publishes its own readings, reads its own alerts.
    rabbitmqctl set_permissions -p $vhost "$user" "$mqtt_queues" "^(amq\.topic|mqtt-subscription-.*)$" "^(amq\.topic|mqtt-subscription-.*)$"
    rabbitmqctl set_topic_permissions -p $vhost "$user" amq.topic \
      '^dose\.v1\.badges\.{username}\.readings$' '^dose\.v1\.badges\.{username}\.alerts$'
    ;;
  modality)
    # Publishes its own patient exposure events, reads nothing.
    rabbitmqctl set_permissions -p $vhost "$user" "$mqtt_queues" '^amq\.topic$' "$mqtt_queues"
    rabbitmqctl set_topic_permissions -p $vhost "$user" amq.topic \
      '^dose\.v1\.modalities\.{username}\.exposures$' '^$'
    ;;
  pager)
    # Reads alerts by level, publishes nothing.
    rabbitmqctl set_permissions -p $vhost "$user" "$mqtt_queues" "$mqtt_queues" "^(amq\.topic|mqtt-subscription-.*)$"
    rabbitmqctl set_topic_permissions -p $vhost "$user" amq.topic '^$' '^dose\.v1\.alerts\..+$'
    ;;
  *)
    echo "usage: users.sh service|badge|modality|pager <username> <password>" >&2
    exit 2
    ;;
esac
