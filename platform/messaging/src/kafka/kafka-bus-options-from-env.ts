import type { KafkaBusOptions, KafkaSaslMechanism } from './kafka-bus-options.js';

/** Connection settings read from the environment; the CA file path is left for the caller to read. */
export interface KafkaEnvSettings {
  readonly options: Pick<KafkaBusOptions, 'brokers' | 'clientId' | 'tls' | 'sasl'>;
  /** OMNISTREAM_KAFKA_TLS_CA_FILE: the caller reads it and passes the PEM as `tls.ca`. */
  readonly tlsCaFile?: string;
}

const mechanisms: Readonly<Record<string, KafkaSaslMechanism>> = {
  plain: 'PLAIN',
  'scram-sha-256': 'SCRAM-SHA-256',
  'scram-sha-512': 'SCRAM-SHA-512',
};

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/**
 * Parses the OMNISTREAM_KAFKA_* variables (README "Kafka: a local broker and an existing cluster") from the record
 * it is given; it never reads process.env itself. Throws with a message naming the variable on bad input.
 */
export const kafkaBusOptionsFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
): KafkaEnvSettings => {
  const brokerList = nonEmpty(env.OMNISTREAM_KAFKA_BROKERS);
  if (brokerList === undefined)
    throw new Error('OMNISTREAM_KAFKA_BROKERS is required (host:port[,host:port...])');
  const brokers = brokerList.split(',').map((broker) => broker.trim());
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) {
      throw new Error(`OMNISTREAM_KAFKA_BROKERS: "${broker}" is not host:port`);
    }
  }
  const clientId = nonEmpty(env.OMNISTREAM_KAFKA_CLIENT_ID) ?? 'omnistream';

  const tlsFlag = nonEmpty(env.OMNISTREAM_KAFKA_TLS)?.toLowerCase();
  if (tlsFlag !== undefined && tlsFlag !== 'true' && tlsFlag !== 'false') {
    throw new Error(`OMNISTREAM_KAFKA_TLS must be true or false, not "${tlsFlag}"`);
  }
  const tlsCaFile = nonEmpty(env.OMNISTREAM_KAFKA_TLS_CA_FILE);
  if (tlsCaFile !== undefined && tlsFlag === 'false') {
    throw new Error('OMNISTREAM_KAFKA_TLS_CA_FILE is set but OMNISTREAM_KAFKA_TLS is false');
  }
  const tls = tlsFlag === 'true' || tlsCaFile !== undefined;

  const mechanismName = nonEmpty(env.OMNISTREAM_KAFKA_SASL_MECHANISM)?.toLowerCase();
  const username = nonEmpty(env.OMNISTREAM_KAFKA_SASL_USERNAME);
  const password = env.OMNISTREAM_KAFKA_SASL_PASSWORD;
  let sasl: KafkaBusOptions['sasl'];
  if (mechanismName !== undefined) {
    const mechanism = mechanisms[mechanismName];
    if (mechanism === undefined) {
      throw new Error(
        `OMNISTREAM_KAFKA_SASL_MECHANISM must be one of ${Object.keys(mechanisms).join(', ')}, not "${mechanismName}"`,
      );
    }
    if (username === undefined || password === undefined || password === '') {
      throw new Error(
        `OMNISTREAM_KAFKA_SASL_MECHANISM=${mechanismName} needs OMNISTREAM_KAFKA_SASL_USERNAME and OMNISTREAM_KAFKA_SASL_PASSWORD`,
      );
    }
    sasl = { mechanism, username, password };
  } else if (username !== undefined || (password !== undefined && password !== '')) {
    throw new Error(
      'OMNISTREAM_KAFKA_SASL_USERNAME/PASSWORD are set but OMNISTREAM_KAFKA_SASL_MECHANISM is not',
    );
  }

  const options = {
    brokers,
    clientId,
    ...(tls ? { tls: true } : {}),
    ...(sasl === undefined ? {} : { sasl }),
  };
  return tlsCaFile === undefined ? { options } : { options, tlsCaFile };
};
