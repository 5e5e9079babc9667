export interface BrokerLayout {
  readonly host: string;
  /** Client listener (PLAINTEXT). */
  readonly port: number;
  /** KRaft controller listener; only the node itself talks to it. */
  readonly controllerPort: number;
  /** Where the partitions and the KRaft metadata log live. */
  readonly dataDir: string;
}

/**
 * server.properties for a single-node KRaft cluster (one process is broker and controller) sized for a laptop or a
 * CI runner: every internal topic has one replica, and a group starts without waiting for more members.
 */
export const brokerProperties = (layout: BrokerLayout): string => {
  const { host, port, controllerPort, dataDir } = layout;
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${host}:${controllerPort}`,
    listeners: `PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    // 50 partitions (the default) makes the first group coordinator lookup noticeably slower on a small machine.
    'offsets.topic.num.partitions': 8,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 4,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // Tests start and stop consumer groups all the time; a 3 s wait per first join would dominate their run time.
    'group.initial.rebalance.delay.ms': 0,
    // The bus adapter provisions topics itself; a typo must fail, not create a topic with default settings.
    'auto.create.topics.enable': false,
    'delete.topic.enable': true,
    'log.retention.hours': 24,
    'log.segment.bytes': 64 * 1024 * 1024,
    'num.network.threads': 2,
    'num.io.threads': 4,
    'num.recovery.threads.per.data.dir': 1,
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n')}\n`;
};
