import { amqpBindingKeys, mqttTopicOf } from './amqp-topics.js';

describe('device topics on RabbitMQ', () => {
  it('binds readings and exposures with any number of words for the id', () => {
    expect(amqpBindingKeys('dose/v1')).toEqual([
      'dose.v1.badges.#.readings',
      'dose.v1.modalities.#.exposures',
    ]);
  });

  it('gives back the topic a device published to, a dot in its serial included', () => {
    expect(mqttTopicOf('dose.v1.badges.B-1.readings', 'dose/v1')).toBe(
      'dose/v1/badges/B-1/readings',
    );
    // RabbitMQ 3.10 routes dose/v1/badges/B.1/readings as dose.v1.badges.B.1.readings.
    expect(mqttTopicOf('dose.v1.badges.B.1.readings', 'dose/v1')).toBe(
      'dose/v1/badges/B.1/readings',
    );
    expect(mqttTopicOf('site.dose.modalities.CT.01.exposures', 'site/dose')).toBe(
      'site/dose/modalities/CT.01/exposures',
    );
  });

  it('leaves a key that is no device topic a topic the router refuses', () => {
    expect(mqttTopicOf('dose.v1.badges.readings', 'dose/v1')).toBe('dose/v1/badges/readings');
  });
});
