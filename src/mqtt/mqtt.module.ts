import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AmqpIngestQueue } from './amqp-ingest-queue.js';
import { DEVICE_PUBLISHES, type DevicePublishes } from './device-publishes.js';
import { MqttService } from './mqtt.service.js';

/**
 * The broker connection, with the embedded broker its device messages in process, and with
 * INGEST_SOURCE=amqp the queue they are taken from.
 */
@Global()
@Module({})
export class MqttModule {
  static forRoot(devicePublishes?: DevicePublishes): DynamicModule {
    return {
      module: MqttModule,
      providers: [
        MqttService,
        AmqpIngestQueue,
        { provide: DEVICE_PUBLISHES, useValue: devicePublishes ?? null },
      ],
      exports: [MqttService, AmqpIngestQueue, DEVICE_PUBLISHES],
    };
  }
}
