// `npm run bench`: every benchmark, each side by side with its reference tool in the same run.
// Results also go to test-results/bench.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEvtx } from './bench/evtx.mjs';
import { benchBundle } from './bench/bundle.mjs';
import { benchHostile } from './bench/hostile.mjs';
import { benchFleet, benchTenant } from './bench/fleet.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, at: new Date().toISOString() };

console.log('== EVTX reader: ours vs evtxexport vs @ts-evtx/core ==');
results.evtx = await benchEvtx();
console.log('\n== Whole bundle: inventory and analysis vs evtxexport ==');
results.bundle = await benchBundle();
console.log('\n== Crafted bundles (issue 9): exit code and peak RSS per process, vs the healthy sample ==');
results.hostile = await benchHostile();
console.log('\n== Fleet: 40 bundles at once vs one by one ==');
results.fleet = await benchFleet();
console.log('\n== Tenant: every room of 500 and 5,000-room fake tenants under Graph\'s reports limit, vs one account at a time ==');
results.tenant = benchTenant();

mkdirSync(path.join(root, 'test-results'), { recursive: true });
writeFileSync(path.join(root, 'test-results/bench.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote test-results/bench.json');
