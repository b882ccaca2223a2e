// Regenerates docs/analysis.schema.json from the schema the tests validate the CLI's JSON with.
//   npm run schema
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { analysisJsonSchema } from '../main/model/analysis-schema';

const out = path.resolve(process.argv[2] ?? path.join(process.cwd(), 'docs', 'analysis.schema.json'));
writeFileSync(out, `${JSON.stringify(analysisJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
