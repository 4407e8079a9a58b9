/** The device-facing topics of DESIGN.md §3 under MQTT_TOPIC_PREFIX. */
export class TopicRouter {
  readonly readingsSubscription: string;
  readonly exposuresSubscription: string;
  private readonly readingsPattern: RegExp;
  private readonly exposuresPattern: RegExp;

  constructor(private readonly prefix: string) {
    this.readingsSubscription = `${prefix}/badges/+/readings`;
    this.exposuresSubscription = `${prefix}/modalities/+/exposures`;
    this.readingsPattern = new RegExp(`^${escape(prefix)}/badges/([^/]+)/readings$`);
    this.exposuresPattern = new RegExp(`^${escape(prefix)}/modalities/([^/]+)/exposures$`);
  }

  /** The serial of a badge readings topic, or undefined for any other topic. */
  readingsSerial(topic: string): string | undefined {
    return this.readingsPattern.exec(topic)?.[1];
  }

  /** The modality id of a patient exposures topic, or undefined for any other topic. */
  exposuresModality(topic: string): string | undefined {
    return this.exposuresPattern.exec(topic)?.[1];
  }

  badgeAlerts(serial: string): string {
    return `${this.prefix}/badges/${serial}/alerts`;
  }

  alerts(level: string): string {
    return `${this.prefix}/alerts/${level}`;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
