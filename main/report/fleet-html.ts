// The fleet summary as a standalone HTML document (and, through report/pdf.ts, one landscape PDF page).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { FleetResult } from '../model/fleet-result';
import { FleetSheet } from '../sheet/FleetSheet';
import fleetCss from '../sheet/fleet-sheet.css?raw';
import { standaloneHtml } from './html';

export function renderFleetHtml(fleet: FleetResult): string {
  return standaloneHtml(`Fleet — ${fleet.name}`, renderToStaticMarkup(createElement(FleetSheet, { fleet })), fleetCss);
}
