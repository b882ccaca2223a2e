// docs/analysis.schema.json documents the JSON output; it is generated from the schema the tests validate with.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisJsonSchema } from '../../main/model/analysis-schema';
import { repoRoot } from '../support/app-harness';

describe('docs/analysis.schema.json', () => {
  it('matches the schema the CLI output is validated against', () => {
    const doc = JSON.parse(readFileSync(path.join(repoRoot, 'docs/analysis.schema.json'), 'utf8'));
    expect(doc, 'stale: regenerate with npm run schema').toEqual(analysisJsonSchema());
  });
});
