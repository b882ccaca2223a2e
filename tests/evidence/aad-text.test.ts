// The token broker's error text, in the shapes devices log it.
import { describe, expect, it } from 'vitest';
import { normaliseHresult, parseAadText } from '../../main/evidence/aad-text';

describe('parseAadText', () => {
  const sameLine =
    "Code: interaction_required Description: AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'. Trace ID: 0b1a2c3d-1111-4222-8333-444455556666 Correlation ID: 7f6e5d4c-aaaa-4bbb-8ccc-ddddeeeeffff Timestamp: 2024-05-01 10:00:00Z TokenEndpoint: https://login.microsoftonline.com/organizations/oauth2/token";
  const multiLine = [
    'Code: invalid_grant',
    'Description: AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    'Trace ID: 0b1a2c3d-1111-4222-8333-444455556666',
    'Correlation ID: 7f6e5d4c-aaaa-4bbb-8ccc-ddddeeeeffff',
    'Timestamp: 2024-05-01 10:00:00Z',
    'Request: authority: https://login.microsoftonline.com/organizations, client: 1fec8e78-bce4-4aaf-ab1b-5451cc387264, redirect URI: ms-appx-web://x, resource: https://outlook.office365.com/, correlation ID (request): 7f6e5d4c-aaaa-4bbb-8ccc-ddddeeeeffff',
  ].join('\r\n');

  it('reads code, description, ids and time when Entra puts them on one line', () => {
    expect(parseAadText(sameLine)).toEqual({
      aadsts: '50076',
      oauthCode: 'interaction_required',
      description: "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000002-0000-0ff1-ce00-000000000000'.",
      correlationId: '7f6e5d4c-aaaa-4bbb-8ccc-ddddeeeeffff',
      traceId: '0b1a2c3d-1111-4222-8333-444455556666',
      timestamp: '2024-05-01 10:00:00Z',
      tokenEndpoint: 'https://login.microsoftonline.com/organizations/oauth2/token',
      resource: null,
      client: null,
    });
  });

  it('reads the multi-line form with the request line', () => {
    expect(parseAadText(multiLine)).toMatchObject({
      aadsts: '53003',
      oauthCode: 'invalid_grant',
      description: 'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
      correlationId: '7f6e5d4c-aaaa-4bbb-8ccc-ddddeeeeffff',
      resource: 'https://outlook.office365.com/',
      client: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
    });
  });
});

describe('normaliseHresult', () => {
  it.each([
    [3399614476, '0xCAA2000C'],
    ['3399811100', '0xCAA5001C'],
    ['0xcaa2000c', '0xCAA2000C'],
    [-895352820, '0xCAA2000C'],
    [3400019709n, '0xCAA82EFD'],
    ['Error: 0x80072EE7 The server name or address could not be resolved', '0x80072EE7'],
    [0, null],
    ['no code here', null],
  ])('%s → %s', (input, out) => {
    expect(normaliseHresult(input)).toBe(out);
  });
});
