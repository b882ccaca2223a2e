// The findings sheet: notes, print, save as PDF, and then open the saved file or show it in its folder.
import { formatUtc } from '../../../main/model/display-format';
import { sheetTitle } from '../../../main/sheet/FindingsSheet';
import { call } from '../call-main';
import { describe } from './describe-error';
import type { ReportSlice, Slice } from './wizard-state';

/** "Boardroom 4 - sign-in findings.pdf": a name Windows, macOS and Linux all accept. */
export function suggestedPdfName(room: string, full: boolean): string {
  const base = room.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\.zip$/i, '').trim() || 'room';
  return `${base} - sign-in ${full ? 'full report' : 'findings'}.pdf`;
}

/** Letter where the locale's region uses it (US, Canada, Mexico, the Philippines and a few more), A4 elsewhere. */
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'PR', 'GT', 'CR', 'PA', 'DO', 'SV', 'NI', 'BZ']);
export function defaultPaper(locale: string | undefined): 'A4' | 'Letter' {
  const region = locale ? new Intl.Locale(locale).maximize().region : undefined;
  return region && LETTER_REGIONS.has(region) ? 'Letter' : 'A4';
}

/** The session's part (session.ts): the notes and the saved file are this room's; the paper and full report are the technician's choice for every PDF. */
export const initialReport: Pick<ReportSlice, 'notes' | 'saved'> = { notes: '', saved: null };

export const createReportSlice: Slice<ReportSlice> = (set, get) => ({
  ...initialReport,
  full: false,
  paper: defaultPaper(typeof navigator === 'undefined' ? undefined : navigator.language),
  setPaper: (paper) => set({ paper }),
  setNotes: (notes) => set({ notes }),
  setFull: (full) => set({ full }),
  async print() {
    await call('report:print', undefined).catch((err: unknown) => set({ problem: describe(err) }));
  },
  async savePdf() {
    const a = get().analysis;
    try {
      const room = a ? sheetTitle(a) : 'room';
      const header = a ? { title: room, date: formatUtc(a.generatedAt) } : undefined;
      const saved = await call('report:savePdf', { suggestedName: suggestedPdfName(room, get().full), header, paper: get().paper });
      if (saved.path && saved.handle) set({ saved: { path: saved.path, handle: saved.handle } });
    } catch (err) {
      set({ problem: describe(err) });
    }
  },
  async reveal(how) {
    const saved = get().saved;
    if (!saved) return;
    await call('report:reveal', { handle: saved.handle, how }).catch((err: unknown) => set({ problem: describe(err) }));
  },
});
