// Fleet text and CSV carry names, reasons and messages from bundles and the tenant: a control or bidi character
// in them is shown escaped, never written raw to a terminal or a spreadsheet.
import { describe, expect, it } from 'vitest';
import type { FleetResult } from '../../main/model/fleet-result';
import { renderFleetCsv, renderFleetText } from '../../main/report/fleet-text';

// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const EVIL = 'room\u001b]0;pwned\u0007\u202egpj.exe\u009b2J';

const fleet: FleetResult = {
  schemaVersion: 1,
  kind: 'fleet',
  generatedAt: '2026-12-08T00:00:00.000Z',
  tool: { name: 'MTR Doctor', version: '0.0.0' },
  name: `tenant ${EVIL}`,
  rows: [],
  refused: [{ source: `${EVIL}.zip`, message: `cannot be read: ${EVIL}` }],
  notChecked: [{ account: `${EVIL}@contoso.com`, displayName: EVIL, reason: `a bookable room ${EVIL}` }],
  warnings: [{ source: EVIL, message: EVIL }],
};

describe('fleet text and CSV', () => {
  it('show every control and bidi character escaped, and no raw one', () => {
    for (const out of [renderFleetText(fleet), renderFleetCsv(fleet).replace(/\r\n/g, '')]) {
      expect(out.replace(/\n/g, '')).not.toMatch(RAW);
      expect(out).toContain('room\\x1b]0;pwned\\x07\\u202egpj.exe\\x9b2J');
    }
  });
});
