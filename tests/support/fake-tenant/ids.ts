// Stable identifiers of the fake tenant, and a deterministic GUID maker so scenario data is reproducible.
import { createHash } from 'node:crypto';

/** A GUID derived from a label: the same label always gives the same id. */
export function guid(label: string): string {
  const h = createHash('sha256').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const TENANT_ID = guid('tenant');
export const TENANT_DOMAIN = 'contoso.com';
export const TENANT_INITIAL_DOMAIN = 'contoso.onmicrosoft.com';
/** MTR Doctor's app registration in the fake tenant. */
export const APP_CLIENT_ID = guid('mtr-doctor-app');

export const TECHNICIAN = { upn: 'it.tech@contoso.com', id: guid('technician'), name: 'IT Technician' } as const;
export const ROOM = { upn: 'mtr-boardroom@contoso.com', id: guid('room'), name: 'Boardroom' } as const;
export const BREAK_GLASS_ID = guid('break-glass');

export const GROUPS = {
  teamsRooms: { id: guid('group-teams-rooms'), displayName: 'Teams Rooms devices' },
  allStaff: { id: guid('group-all-staff'), displayName: 'All staff' },
  finance: { id: guid('group-finance'), displayName: 'Finance' },
} as const;

/** Well-known Microsoft ids used in realistic payloads. */
export const MICROSOFT = {
  teamsAppId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  exchangeResourceId: '00000002-0000-0ff1-ce00-000000000000',
  teamsResourceId: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
  skus: {
    teamsRoomsPro: '4cde982a-ede4-4409-9ae6-b003453c8ea6',
    teamsSharedDevices: '295a8eb0-f78d-45c7-8b5b-1eed5ed02dff',
  },
  plans: {
    teams1: '57ff2da0-773e-42df-b2af-ffb7a2317929',
    mcoStandard: '0feaeb32-d00e-4d66-bd5a-43b5b83db82c',
    exchangeEnterprise: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
    exchangeStandard: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
    intune: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5',
    mcoev: '4828c8ec-dc2e-4779-b502-87ac9ce28ab7',
  },
  authStrengthPhishingResistant: '00000000-0000-0000-0000-000000000004',
} as const;
