/**
 * For other packages' tests: a local server implementing Adyen's documented Checkout API contract, so a test can
 * point the real Adyen adapter at it (for example the distributed order-flow proof in apps/server).
 */
export {
  startAdyenContractServer,
  type ReceivedRequest,
} from './providers/adyen/adyen-contract-server.fixture.js';
