/**
 * Device topics on RabbitMQ's MQTT plugin, which publishes each message to `amq.topic` with
 * the topic's `/` turned into `.` as its routing key. A serial or modality id may hold a dot
 * (badge-fields.ts), which becomes a word boundary there (`dose/v1/badges/B.1/readings` is
 * routed as `dose.v1.badges.B.1.readings`, RabbitMQ 3.10), so the bindings take any number
 * of words for the id, and the topic is rebuilt from the known prefix and kind.
 */
const DEVICE_TOPICS = [
  { kind: 'badges', last: 'readings' },
  { kind: 'modalities', last: 'exposures' },
] as const;

const words = (prefix: string) => prefix.replaceAll('/', '.');

/** The binding keys of every device topic under the prefix. */
export function amqpBindingKeys(prefix: string): string[] {
  return DEVICE_TOPICS.map(({ kind, last }) => `${words(prefix)}.${kind}.#.${last}`);
}

/** The MQTT topic a device published to, from the routing key the plugin gave it. */
export function mqttTopicOf(routingKey: string, prefix: string): string {
  for (const { kind, last } of DEVICE_TOPICS) {
    const start = `${words(prefix)}.${kind}.`;
    const end = `.${last}`;
    if (
      routingKey.length >= start.length + end.length &&
      routingKey.startsWith(start) &&
      routingKey.endsWith(end)
    ) {
      // Ids hold no `/` (badge-fields.ts): one there is a dot that a broker swapped for it.
      const id = routingKey
        .slice(start.length, routingKey.length - end.length)
        .replaceAll('/', '.');
      return `${prefix}/${kind}/${id}/${last}`;
    }
  }
  return routingKey.replaceAll('.', '/');
}
