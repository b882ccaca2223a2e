// The tenant connection: settings, sign-in, and the Graph analysis (alone or merged with the bundle).
import { call } from '../call-main';
import { describe } from './describe-error';
import { runJob } from './run-job';
import type { Slice, TenantSlice } from './wizard-state';

/** The session's part (session.ts): the panel; the sign-in (and a device code under way) is the app's. */
export const initialTenant: Pick<TenantSlice, 'tenantOpen'> = { tenantOpen: false };

export const createTenantSlice: Slice<TenantSlice> = (set, get) => ({
  tenant: null,
  ...initialTenant,
  deviceCode: null,
  openTenant(tenantOpen) {
    set({ tenantOpen, problem: null });
    if (tenantOpen) void get().loadTenant();
  },
  async loadTenant() {
    set({ tenant: await call('tenant:status', undefined).catch(() => null) });
  },
  async saveTenantSettings(settings) {
    try {
      set({ tenant: await call('tenant:saveSettings', settings), problem: null });
      return true;
    } catch (err) {
      set({ problem: describe(err) });
      return false;
    }
  },
  async signIn(method) {
    set({ deviceCode: null });
    const label = method === 'browser' ? 'sign-in in your browser' : 'device code sign-in';
    const tenant = await runJob(set, get, 'tenant', label, (jobId) => call('tenant:signIn', { jobId, method }));
    set({ deviceCode: null, ...(tenant ? { tenant } : {}) });
  },
  async signOut() {
    set({ tenant: await call('tenant:signOut', undefined).catch(() => get().tenant) });
  },
  async analyzeTenant({ account, days, merge }) {
    const { inventory: inv, fleet, fleetRoom } = get();
    // With a fleet's room on screen, main reads that room's bundle again together with the tenant.
    const room = merge && !inv && fleet?.id && fleetRoom !== null ? { fleetId: fleet.id, index: fleetRoom } : null;
    const analysis = await runJob(set, get, 'tenant', 'Microsoft Graph', (jobId) =>
      call('tenant:analyze', { jobId, account, days, bundleId: merge && inv ? inv.bundleId : null, fleetRoom: room }),
    );
    if (!analysis) return;
    set({ analysis, step: 'checks', checkIndex: -1, tenantOpen: false, saved: null });
    // The tenant alone is not the fleet's room any more: its Inventory step and file chip would belong to another bundle.
    if (fleetRoom !== null && !room) set({ fleetRoom: null, roomContents: null });
  },
  onDeviceCode(p) {
    const job = get().job;
    if (job && job.id === p.jobId) set({ deviceCode: p });
  },
});
