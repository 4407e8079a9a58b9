import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DEVICE_PUBLISHES, type DevicePublishes } from './device-publishes.js';
import { MqttService } from './mqtt.service.js';

/** The broker connection, and with the embedded broker its device messages in process. */
@Global()
@Module({})
export class MqttModule {
  static forRoot(devicePublishes?: DevicePublishes): DynamicModule {
    return {
      module: MqttModule,
      providers: [MqttService, { provide: DEVICE_PUBLISHES, useValue: devicePublishes ?? null }],
      exports: [MqttService, DEVICE_PUBLISHES],
    };
  }
}
