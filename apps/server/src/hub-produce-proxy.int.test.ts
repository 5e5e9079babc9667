import { describeProduceProxy } from './hub-produce-proxy.suite.js';

describeProduceProxy('in-process', () => undefined);
