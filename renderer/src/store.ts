// Wizard state. Steps are derived from what has been loaded; the store holds only facts.
import { create } from 'zustand';
import type { CloudId, DeviceCodePrompt, SampleBundle, TenantStatus } from '../../main/ipc/contract';
import type { AnalysisResult } from '../../main/model/analysis';
import type { Inventory, ProgressEvent } from '../../main/model/inventory';
import { ApiError, call, newJobId } from './api';

export type StepId = 'bundle' | 'inventory' | 'checks' | 'findings';

export interface Problem {
  title: string;
  message: string;
}

interface WizardState {
  step: StepId;
  inventory: Inventory | null;
  /** The long operation under way; `kind` decides where its progress shows (drop zone, checks, tenant panel). */
  job: { id: string; kind: 'bundle' | 'analysis' | 'tenant'; label: string; progress: ProgressEvent | null } | null;
  problem: Problem | null;
  samples: SampleBundle[];
  analysis: AnalysisResult | null;
  /** Which check the Checks step shows; -1 is the overview. */
  checkIndex: number;
  notes: string;
  savedPdf: string | null;
  goTo(step: StepId): void;
  runChecks(): Promise<void>;
  showCheck(index: number): void;
  setNotes(notes: string): void;
  print(): Promise<void>;
  savePdf(): Promise<void>;
  tenant: TenantStatus | null;
  tenantOpen: boolean;
  deviceCode: DeviceCodePrompt | null;
  openTenant(open: boolean): void;
  loadTenant(): Promise<void>;
  saveTenantSettings(s: { clientId: string; tenant: string; cloud: CloudId; includeAuthenticationMethods: boolean }): Promise<boolean>;
  signIn(method: 'browser' | 'device-code'): Promise<void>;
  signOut(): Promise<void>;
  analyzeTenant(o: { account: string | null; days: number; merge: boolean }): Promise<void>;
  onDeviceCode(p: DeviceCodePrompt & { jobId: string }): void;
  loadSamples(): Promise<void>;
  openPath(path: string, label: string): Promise<void>;
  openSample(id: string, label: string): Promise<void>;
  choose(kind: 'zip' | 'folder'): Promise<void>;
  cancelJob(): Promise<void>;
  onProgress(p: ProgressEvent): void;
  dismissProblem(): void;
  reset(): Promise<void>;
}

function describe(err: unknown): Problem {
  if (err instanceof ApiError) {
    const title =
      err.error.code === 'cancelled' || err.error.code === 'auth:cancelled'
        ? 'Cancelled'
        : err.error.code.startsWith('auth:')
          ? 'Sign-in or Microsoft Graph problem'
          : err.error.file
          ? `Cannot read ${err.error.file}`
          : 'That did not work';
    return { title, message: err.error.message };
  }
  return { title: 'Unexpected error', message: err instanceof Error ? err.message : String(err) };
}

export const useWizard = create<WizardState>((set, get) => {
  async function open(source: { kind: 'path'; path: string } | { kind: 'sample'; id: string }, label: string) {
    const previous = get().inventory;
    const jobId = newJobId();
    set({ job: { id: jobId, kind: 'bundle', label, progress: null }, problem: null });
    try {
      const inventory = await call('bundle:open', { jobId, source });
      if (previous) await call('bundle:close', { bundleId: previous.bundleId }).catch(() => undefined);
      set({ inventory, step: 'inventory', job: null, analysis: null, checkIndex: -1, savedPdf: null });
    } catch (err) {
      set({ job: null, problem: describe(err) });
    }
  }

  return {
    step: 'bundle',
    inventory: null,
    job: null,
    problem: null,
    samples: [],
    analysis: null,
    checkIndex: -1,
    notes: '',
    savedPdf: null,
    goTo: (step) => set({ step }),
    async runChecks() {
      const inv = get().inventory;
      if (!inv) return;
      if (get().analysis) {
        set({ step: 'checks' });
        return;
      }
      const jobId = newJobId();
      set({ job: { id: jobId, kind: 'analysis', label: inv.name, progress: null }, problem: null });
      try {
        const analysis = await call('analysis:run', { jobId, bundleId: inv.bundleId });
        set({ analysis, job: null, step: 'checks', checkIndex: -1 });
      } catch (err) {
        set({ job: null, problem: describe(err) });
      }
    },
    showCheck: (checkIndex) => set({ checkIndex, step: 'checks' }),
    setNotes: (notes) => set({ notes }),
    async print() {
      await call('report:print', undefined).catch((err: unknown) => set({ problem: describe(err) }));
    },
    async savePdf() {
      const a = get().analysis;
      const base = (a?.device.displayName ?? a?.input.name ?? 'room').replace(/[\\/:*?"<>|]+/g, ' ').replace(/\.zip$/i, '').trim();
      try {
        const { path } = await call('report:savePdf', { suggestedName: `${base} - sign-in findings.pdf` });
        if (path) set({ savedPdf: path });
      } catch (err) {
        set({ problem: describe(err) });
      }
    },
    async loadSamples() {
      const samples = await call('samples:list', undefined).catch(() => []);
      set({ samples });
    },
    openPath: (path, label) => open({ kind: 'path', path }, label),
    openSample: (id, label) => open({ kind: 'sample', id }, label),
    async choose(kind) {
      try {
        const { path } = await call('bundle:choose', { kind });
        if (path) await open({ kind: 'path', path }, path.split(/[\\/]/).pop() ?? path);
      } catch (err) {
        set({ problem: describe(err) });
      }
    },
    async cancelJob() {
      const job = get().job;
      if (job) await call('job:cancel', { jobId: job.id }).catch(() => undefined);
    },
    onProgress(p) {
      const job = get().job;
      if (job && job.id === p.jobId) set({ job: { ...job, progress: p } });
    },
    dismissProblem: () => set({ problem: null }),
    tenant: null,
    tenantOpen: false,
    deviceCode: null,
    openTenant: (tenantOpen) => {
      set({ tenantOpen, problem: null });
      if (tenantOpen) void get().loadTenant();
    },
    async loadTenant() {
      const tenant = await call('tenant:status', undefined).catch(() => null);
      set({ tenant });
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
      const jobId = newJobId();
      set({ job: { id: jobId, kind: 'tenant', label: method === 'browser' ? 'sign-in in your browser' : 'device code sign-in', progress: null }, problem: null, deviceCode: null });
      try {
        set({ tenant: await call('tenant:signIn', { jobId, method }), job: null, deviceCode: null });
      } catch (err) {
        set({ job: null, deviceCode: null, problem: describe(err) });
      }
    },
    async signOut() {
      set({ tenant: await call('tenant:signOut', undefined).catch(() => get().tenant) });
    },
    async analyzeTenant({ account, days, merge }) {
      const inv = get().inventory;
      const jobId = newJobId();
      set({ job: { id: jobId, kind: 'tenant', label: 'Microsoft Graph', progress: null }, problem: null });
      try {
        const analysis = await call('tenant:analyze', { jobId, account, days, bundleId: merge && inv ? inv.bundleId : null });
        set({ analysis, job: null, step: 'checks', checkIndex: -1, tenantOpen: false, savedPdf: null });
      } catch (err) {
        set({ job: null, problem: describe(err) });
      }
    },
    onDeviceCode(p) {
      const job = get().job;
      if (job && job.id === p.jobId) set({ deviceCode: p });
    },
    async reset() {
      const inv = get().inventory;
      if (inv) await call('bundle:close', { bundleId: inv.bundleId }).catch(() => undefined);
      set({ inventory: null, analysis: null, step: 'bundle', problem: null, checkIndex: -1, savedPdf: null });
    },
  };
});
