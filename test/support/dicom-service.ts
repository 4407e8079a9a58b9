import { freePort } from '../../src/common/free-port.js';
import type { Http } from './http.js';
import { newRsoLogin } from './rso-session.js';
import { ServiceInstance } from './service-instance.js';
import { TEST_ADMIN } from './test-app.js';
import { testDatabaseUrl, testMqttProtocol, testMqttUrl } from './test-env.js';

export const DICOM_AE_TITLE = 'DOSE';

/**
 * The built service with its DICOM listener on a free port (AE title DOSE), on the run's
 * database and broker, and an RSO who registers the modalities that send to it.
 */
export async function startDicomService(
  tag: string,
): Promise<{ service: ServiceInstance; dicomPort: number; rso: Http }> {
  const dicomPort = await freePort();
  const service = await ServiceInstance.start({
    databaseUrl: testDatabaseUrl(),
    mqttUrl: testMqttUrl(),
    clientId: `dicom-${tag}`,
    shareGroup: `dicom-${tag}`,
    env: {
      MQTT_TOPIC_PREFIX: `dicom-${tag}/dose/v1`,
      MQTT_PROTOCOL_VERSION: String(testMqttProtocol()),
      MQTT_SHARED_SUBSCRIPTION: String(testMqttProtocol() === 5),
      DICOM_PORT: String(dicomPort),
      DICOM_AE_TITLE,
    },
  });
  const admin = await service.http.login(TEST_ADMIN.username, TEST_ADMIN.password);
  return { service, dicomPort, rso: await newRsoLogin(admin) };
}

/** Registers a modality calling with this AE title (DESIGN.md §3.5). */
export async function registerDicomModality(
  rso: Http,
  modality: { id: string; ae: string },
  kind: string,
): Promise<void> {
  const reply = await rso.post('/api/v1/modalities', {
    id: modality.id,
    aeTitle: modality.ae,
    kind,
  });
  if (reply.status !== 201)
    throw new Error(`registering ${modality.id}: ${reply.status} ${JSON.stringify(reply.body)}`);
}
