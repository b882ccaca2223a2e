// The running header and footer Chromium prints on every page of the findings sheet: the room and the date
// at the top, "Page 1 of 2" at the bottom. Used by the CLI's PDF (playwright page.pdf) and the app's
// (webContents.printToPDF); both take the same templates. Pure: no Electron, no Node.

export interface PageHeader {
  /** The room or account the sheet is about. */
  title: string;
  /** When the evidence was analysed, as the sheet writes it. */
  date: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

// Chromium renders the templates in their own page with a zero default font size: every style is inline.
const BOX = "font-family:'Segoe UI',system-ui,'DejaVu Sans',sans-serif;font-size:7.5pt;color:#5b6270;width:100%;margin:0 12mm;display:flex;justify-content:space-between;";

export function pageTemplates(header: PageHeader): { headerTemplate: string; footerTemplate: string } {
  return {
    headerTemplate: `<div style="${BOX}"><span>${escapeHtml(header.title)} · Teams Rooms sign-in findings</span><span>${escapeHtml(header.date)}</span></div>`,
    footerTemplate: `<div style="${BOX}"><span>MTR Doctor</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}

/** Page margins that leave room for the header and footer (the sheet's @page rule is ignored for these). */
export const PDF_MARGIN_MM = { top: 14, bottom: 14, left: 12, right: 12 } as const;
