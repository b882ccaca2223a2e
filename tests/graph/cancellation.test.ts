import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../main/model/cancellation';
import { AuthProblemError } from '../../main/auth/access-problems';
import type { FakeTenant } from '../support/fake-tenant';
import { collectFor, graphRequests, signedIn } from './support';

let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

describe('stopping a collection', () => {
  it('cancelling mid-paging stops with CancelledError and requests no further page', async () => {
    const s = await signedIn({ signInCount: 3000 });
    tenant = s.tenant;
    const controller = new AbortController();
    const run = collectFor(tenant, s.auth, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'sign-ins' && p.done >= 1000) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(graphRequests(tenant, '/v1.0/auditLogs/signIns')).toHaveLength(1);
    expect(graphRequests(tenant, '/v1.0/users/' + tenant.room.id + '/licenseDetails')).toHaveLength(0);
  });

  it('cancelling while Graph asks to wait does not sit out the wait', async () => {
    // Retry-After is longer than the test timeout: only an interrupted wait lets this test finish.
    const s = await signedIn({ graph: { faults: [{ path: '/v1.0/auditLogs/signIns', status: 429, count: 1, retryAfterSeconds: 110 }] } });
    tenant = s.tenant;
    const controller = new AbortController();
    const run = collectFor(tenant, s.auth, {
      signal: controller.signal,
      onProgress: (p) => p.waitingSeconds && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });

  it('an already cancelled signal reads nothing', async () => {
    const s = await signedIn();
    tenant = s.tenant;
    await expect(collectFor(tenant, s.auth, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError);
    expect(tenant.requests.filter((r) => r.server === 'graph')).toEqual([]);
  });

  it('a revoked sign-in stops the run with "sign in again" instead of failing every read', async () => {
    const s = await signedIn({ auth: { accessTokenLifetimeSeconds: 60 } });
    tenant = s.tenant;
    tenant.setAuth({ refreshTokens: 'revoked' });
    const error = await collectFor(tenant, s.auth).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthProblemError);
    expect((error as AuthProblemError).problem).toMatchObject({ id: 'sign-in-again', code: 'AADSTS50173' });
    expect(tenant.requests.filter((r) => r.server === 'graph')).toEqual([]);
  });
});
