/**
 * For other packages' tests: a local server implementing the documented UPS contract the UPS adapter uses, so a
 * test can point the real adapter at it (for example the distributed order-flow proof in apps/server).
 */
export { startUpsContractServer } from './carriers/ups/ups-contract-server.fixture.js';
