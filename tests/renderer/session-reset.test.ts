// Start over and opening another bundle, fleet or room forget the session in one place (store/session.ts):
// nothing of the room before survives (its notes, saved sheet, errors, the tenant panel, the fleet's filter),
// and the app's own settings do (the sign-in, the paper, the fleet table's sort).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisResult } from '../../main/model/analysis';
import type { Inventory } from '../../main/model/inventory';
import { useWizard, type WizardState } from '../../renderer/src/store';
import { initialAnalysis } from '../../renderer/src/store/analysis-slice';
import { initialBundle } from '../../renderer/src/store/bundle-slice';
import { initialFleet, initialFleetRoom } from '../../renderer/src/store/fleet-slice';
import { initialNavigation } from '../../renderer/src/store/navigation-slice';
import { initialReport } from '../../renderer/src/store/report-slice';
import { sessionState } from '../../renderer/src/store/session';
import { initialTenant } from '../../renderer/src/store/tenant-slice';

/** What the app keeps across sessions: a new field in a slice must be added here or to its slice's initial state. */
const APP_WIDE = ['job', 'samples', 'paper', 'full', 'tenant', 'deviceCode', 'fleetSort'];
const INITIALS = { initialNavigation, initialBundle, initialAnalysis, initialReport, initialTenant, initialFleet };

const fresh = useWizard.getState();
const dataKeys = (s: WizardState) => Object.keys(s).filter((k) => typeof s[k as keyof WizardState] !== 'function');
const pick = (s: WizardState, keys: string[]) => Object.fromEntries(keys.map((k) => [k, s[k as keyof WizardState]]));

/** Every data field set to a value no slice starts with. */
function dirtyEverything() {
  useWizard.setState(Object.fromEntries(dataKeys(useWizard.getState()).map((k) => [k, { dirty: k }])) as Partial<WizardState>);
}

// A fake main behind window.mtr: answers by channel and records what was asked.
const asked: string[] = [];
const inventory = (name: string) => ({ bundleId: `id-${name}`, name, source: 'zip', entries: [], rejected: [], warnings: [], counts: { files: 1, evtx: 0, textLogs: 1, other: 0, rejected: 0, bytes: 10 } }) as Inventory;
const analysis = (name: string) => ({ input: { name } }) as unknown as AnalysisResult;
const answers: Record<string, (req: never) => unknown> = {
  'bundle:open': (req: { source: { id: string } }) => inventory(req.source.id),
  'bundle:close': () => ({ closed: true }),
  'session:reset': () => ({ reset: true }),
  'fleet:run': () => ({ fleetId: 'fleet-1', name: 'site (2 bundles)', cancelled: false, generatedAt: '2026-12-08T00:00:00Z', outcomes: [] }),
  'fleet:room': (req: { index: number }) => ({ analysis: analysis(`room ${req.index}`), contents: null }),
};

beforeAll(() => {
  // No focused element: runJob's focus return has nothing to do.
  vi.stubGlobal('HTMLElement', class {});
  vi.stubGlobal('document', { activeElement: null, body: null, querySelector: () => null, querySelectorAll: () => [] });
  vi.stubGlobal('window', {
    mtr: {
      call: async (channel: string, req: never) => {
        asked.push(channel);
        const answer = answers[channel];
        return answer ? { ok: true, value: answer(req) } : { ok: false, error: { code: 'not-found', message: `no fake for ${channel}` } };
      },
    },
  });
});
// runJob returns focus on a timer: let it run before the page globals go.
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  vi.unstubAllGlobals();
});
beforeEach(() => {
  asked.length = 0;
  useWizard.setState(fresh, true);
});

describe('resetSession', () => {
  it('every data field of the store is either the session\'s (a slice\'s initial state) or the app\'s', () => {
    const session = Object.keys(sessionState());
    expect([...session, ...APP_WIDE].sort()).toEqual(dataKeys(fresh).sort());
    expect(session.filter((k) => APP_WIDE.includes(k))).toEqual([]);
  });

  it('after dirtying every slice, gives each slice\'s exported initial state and keeps the app-wide fields', () => {
    dirtyEverything();
    useWizard.getState().resetSession();
    const s = useWizard.getState();
    for (const [name, initial] of Object.entries(INITIALS)) expect(pick(s, Object.keys(initial)), name).toEqual(initial);
    for (const k of APP_WIDE) expect(s[k as keyof WizardState], k).toEqual({ dirty: k });
  });

  it('another room of the fleet keeps the fleet and forgets the room', () => {
    dirtyEverything();
    useWizard.getState().resetSession({}, 'room');
    const s = useWizard.getState();
    expect(pick(s, Object.keys(initialFleetRoom))).toEqual(initialFleetRoom);
    for (const k of ['fleet', 'fleetSaved', 'fleetFilter']) expect(s[k as keyof WizardState], k).toEqual({ dirty: k });
    for (const initial of [initialNavigation, initialBundle, initialAnalysis, initialReport, initialTenant]) expect(pick(s, Object.keys(initial))).toEqual(initial);
  });
});

describe('what the wizard forgets', () => {
  it('opening another bundle: the notes, saved sheet, tenant panel and fleet filter of the one before are gone; paper and full report stay', async () => {
    const w = () => useWizard.getState();
    await w().openSample('first.zip', 'first.zip');
    expect(w().inventory?.name).toBe('first.zip');
    w().setNotes('Room 4: projector cable loose');
    w().setPaper('Letter');
    w().setFull(true);
    w().filterFleet({ status: 'fail' });
    useWizard.setState({ saved: { path: '/tmp/x.pdf', handle: 'h' }, tenantOpen: true, analysis: analysis('first.zip'), checkIndex: 3 });
    await w().openSample('second.zip', 'second.zip');
    expect(pick(w(), ['inventory', 'step', 'notes', 'saved', 'tenantOpen', 'analysis', 'checkIndex', 'fleetFilter', 'paper', 'full'])).toEqual({
      inventory: inventory('second.zip'),
      step: 'inventory',
      notes: '',
      saved: null,
      tenantOpen: false,
      analysis: null,
      checkIndex: -1,
      fleetFilter: initialFleet.fleetFilter,
      paper: 'Letter',
      full: true,
    });
    expect(asked).toContain('bundle:close');
  });

  it('a fleet, then its rooms: each room forgets the one before, the fleet and its filter stay', async () => {
    const w = () => useWizard.getState();
    await w().openSample('first.zip', 'first.zip');
    w().setNotes('notes of first.zip');
    await w().runFleet([], ['a.zip', 'b.zip']);
    expect(pick(w(), ['inventory', 'notes', 'step'])).toEqual({ inventory: null, notes: '', step: 'fleet' });
    expect(w().fleet?.id).toBe('fleet-1');
    w().filterFleet({ status: 'fail' });
    await w().openRoom(0);
    w().setNotes('notes of room 0');
    useWizard.setState({ problem: { title: 'x', message: 'y', tone: 'error' } });
    await w().openRoom(1);
    expect(pick(w(), ['fleetRoom', 'notes', 'problem', 'step'])).toEqual({ fleetRoom: 1, notes: '', problem: null, step: 'checks' });
    expect(w().analysis).toEqual(analysis('room 1'));
    expect(w().fleet?.id).toBe('fleet-1');
    expect(w().fleetFilter.status).toBe('fail');
  });

  it('Start over: the whole session is the initial one, and main is told to forget its side (the live test)', async () => {
    const w = () => useWizard.getState();
    await w().openSample('first.zip', 'first.zip');
    dirtyEverything();
    useWizard.setState({ inventory: inventory('first.zip') });
    await w().reset();
    expect(pick(w(), Object.keys(sessionState()))).toEqual(sessionState());
    expect(asked.slice(-2)).toEqual(['bundle:close', 'session:reset']);
  });
});
