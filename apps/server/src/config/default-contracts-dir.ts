import { fileURLToPath } from 'node:url';

/**
 * The repository's contracts/ folder, found from this file rather than the working directory, so that
 * `omnistream start` run from anywhere registers the same contracts.
 */
export const DEFAULT_CONTRACTS_DIR = fileURLToPath(new URL('../../../../contracts', import.meta.url));
