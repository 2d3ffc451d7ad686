/**
 * Node tests talk HTTP only to nock: no stray request reaches the network,
 * interceptors do not leak between tests, and every test starts with fresh
 * rate-limit buckets (they live in the transport's module state).
 */
import nock from 'nock';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';

export function useNock(): void {
	beforeEach(() => {
		nock.disableNetConnect();
		resetBuckets();
	});
	afterEach(() => {
		nock.cleanAll();
		nock.enableNetConnect();
	});
}
