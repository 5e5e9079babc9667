export { createLogger, type LoggerOptions } from './create-logger.js';
export { createMetricsRegistry, type MetricsRegistryOptions } from './create-metrics-registry.js';
export { registerFeedMetrics, HELD_BACK_CAP, type FeedMetricsSource } from './feed-metrics.js';
export type { Logger } from 'pino';
export type { Registry } from 'prom-client';
